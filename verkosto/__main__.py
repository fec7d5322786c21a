"""``python -m verkosto``: the same as the ``verkosto`` command."""

if __name__ == "__main__":
    from verkosto.cli import main

    main()

# Records R sna's brokerage() on the cases written by export_cases.py:
#
#   Rscript tests/sna/record.R      # from the repository root; R 4.2, sna 2.7-1 (Debian r-cran-sna)
#
# For each case, <name>.nli.csv holds sna's per-node tables (raw.nli, exp.nli, sd.nli,
# z.nli; columns w_I, w_O, b_IO, b_OI, b_O, t prefixed raw_, exp_, sd_, z_) and
# <name>.gli.csv the whole network's (raw.gli, exp.gli, sd.gli, z.gli), numbers printed
# with 17 significant digits. The test suite reads these files; it never runs R.
suppressMessages(library(sna))
here <- "tests/sna"
cases <- c("hand", "random_directed", "example_collaboration_sector", "example_groups_tier")
fmt <- function(x) ifelse(is.nan(x), "NaN", sprintf("%.17g", x))
for (name in cases) {
  cl <- read.csv(file.path(here, paste0(name, ".classes.csv")), encoding = "UTF-8",
                 colClasses = "character", na.strings = character(0))
  arcs <- read.csv(file.path(here, paste0(name, ".arcs.csv")), encoding = "UTF-8",
                   colClasses = "character")
  N <- nrow(cl)
  g <- matrix(0, N, N)
  g[cbind(match(arcs$source, cl$node), match(arcs$target, cl$node))] <- 1
  b <- brokerage(g, cl$class)
  nli <- data.frame(node = cl$node, class = cl$class, check.names = FALSE)
  for (part in c("raw", "exp", "sd", "z")) {
    tab <- b[[paste0(part, ".nli")]]
    for (col in colnames(tab)) nli[[paste0(part, "_", col)]] <- fmt(tab[, col])
  }
  write.csv(nli, file.path(here, paste0(name, ".nli.csv")), row.names = FALSE, fileEncoding = "UTF-8")
  gli <- data.frame(role = names(b$raw.gli), raw = fmt(b$raw.gli), exp = fmt(b$exp.gli),
                    sd = fmt(b$sd.gli), z = fmt(b$z.gli))
  write.csv(gli, file.path(here, paste0(name, ".gli.csv")), row.names = FALSE, fileEncoding = "UTF-8")
  cat(name, ": N =", N, " arcs =", nrow(arcs), "\n")
  print(b$raw.gli); print(round(b$z.gli, 3))
}

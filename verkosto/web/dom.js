// Building elements from parts. Strings become text nodes, so roster text is never parsed as
// HTML (no innerHTML anywhere in the page's script).

/** h("li", {className: "x", onclick: f}, "text", child): an element with properties and children. */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  if (props) {
    Object.keys(props).forEach((key) => {
      const value = props[key];
      if (value === null || value === undefined) return; // an absent attribute
      if (key === "text") element.textContent = value;
      else if (key === "className") element.className = value;
      else if (key === "style") Object.assign(element.style, value);
      else if (key.slice(0, 2) === "on") element.addEventListener(key.slice(2), value);
      else element.setAttribute(key, value);
    });
  }
  children.forEach((child) => {
    if (child === null || child === undefined || child === false) return;
    element.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  });
  return element;
}

/** A <span> of text and elements in a row. */
export function fragment(parts) {
  return h("span", null, ...parts.filter(Boolean));
}

import { escapeMarkup } from "../escape-markup.js";

/** Attribute values; `undefined` leaves the attribute out. */
export type SvgAttributes = Readonly<
  Record<string, string | number | undefined>
>;

/**
 * One SVG element as text. `children` is markup already (other elements,
 * or text passed through `svgText`); attribute values are escaped here.
 */
export function svgElement(
  name: string,
  attributes: SvgAttributes,
  children: string | readonly string[] = [],
): string {
  const attributeText = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeMarkup(formatValue(value))}"`)
    .join("");
  const content = typeof children === "string" ? children : children.join("");
  return content === ""
    ? `<${name}${attributeText}/>`
    : `<${name}${attributeText}>${content}</${name}>`;
}

/** Text content, escaped. */
export function svgText(text: string): string {
  return escapeMarkup(text);
}

/** Pixel values to two places: enough for a screen, and short files. */
function formatValue(value: string | number | undefined): string {
  return typeof value === "number"
    ? String(Math.round(value * 100) / 100)
    : String(value);
}

import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderScatterChart, type ScatterPoint } from "./scatter-chart.js";

const points: ScatterPoint[] = [
  { x: 0, y: 0.5, marker: "1", label: "cheap", isHighlighted: true },
  { x: 0.5, y: 0.8, marker: "2", label: "middle", isHighlighted: true },
  {
    x: 0.75,
    y: 0.6,
    marker: "3",
    label: "beaten <by> 2 & 4",
    isHighlighted: false,
  },
  { x: 1, y: 0.9, marker: "4", label: "best", isHighlighted: true },
];

const svg = renderScatterChart({
  title: "score against cost",
  xLabel: "cost (USD)",
  yLabel: "score",
  points,
  highlightMeaning: "front",
});

interface Element {
  [key: string]: unknown;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  isArray: (name) => ["circle", "text", "line", "g"].includes(name),
});
const root = parser.parse(svg).svg as Element;
const groups = root.g as Element[];
const groupOf = (name: string) =>
  groups.find((group) => group.class === name) as Element;
const texts = (element: Element) =>
  (element.text as Array<Element | string>).map((text) =>
    typeof text === "string" ? text : String(text["#text"]),
  );

describe("renderScatterChart", () => {
  it("writes well-formed standalone SVG with escaped text", () => {
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(root.xmlns).toBe("http://www.w3.org/2000/svg");
    expect(root.viewBox).toBe(`0 0 640 ${root.height}`);
    expect(svg).toContain("beaten &lt;by&gt; 2 &amp; 4");
  });

  it("labels both axes and puts round ticks on them", () => {
    // x spans 0–1: steps of 0.2; y spans 0.5–0.9: steps of 0.1.
    expect(texts(groupOf("x-axis"))).toEqual([
      "0.0",
      "0.2",
      "0.4",
      "0.6",
      "0.8",
      "1.0",
      "cost (USD)",
    ]);
    expect(texts(groupOf("y-axis"))).toEqual([
      "0.5",
      "0.6",
      "0.7",
      "0.8",
      "0.9",
      "score",
    ]);
  });

  it("places each point where its numbers say", () => {
    // Plot area: x 72–616 px for 0–1, so x px = 72 + 544·x; y 348–48 px
    // for 0.5–0.9, so y px = 348 − 750·(y − 0.5).
    const circles = (root.circle as Element[]).map((circle) => ({
      cx: Number(circle.cx),
      cy: Number(circle.cy),
      isFront: String(circle.class).includes("front-point"),
    }));
    expect(circles).toEqual([
      { cx: 72, cy: 348, isFront: true },
      { cx: 344, cy: 123, isFront: true },
      { cx: 480, cy: 273, isFront: false },
      { cx: 616, cy: 48, isFront: true },
    ]);
  });

  it("joins the highlighted points from left to right", () => {
    const front = (root.polyline as Element).points;
    expect(front).toBe("72,348 344,123 616,48");
  });

  it("names each point's marker in the legend", () => {
    expect(texts(groupOf("legend"))).toEqual([
      "front",
      "1  cheap",
      "2  middle",
      "3  beaten <by> 2 & 4",
      "4  best",
    ]);
  });
});

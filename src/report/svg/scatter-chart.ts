import { groupBy } from "../../util/group-by.js";
import { type LinearScale, niceLinearScale } from "./linear-scale.js";
import { type SvgAttributes, svgElement, svgText } from "./svg-element.js";

/** One point of a scatter chart. */
export interface ScatterPoint {
  x: number;
  y: number;
  /** Short mark drawn beside the point, such as a rank; the legend explains it. */
  marker: string;
  /** What the point is, shown in the legend and as the point's tooltip. */
  label: string;
  /** Drawn in the accent colour and joined to the other highlighted points. */
  isHighlighted: boolean;
}

export interface ScatterChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  points: readonly ScatterPoint[];
  /** Legend text of the highlighted points. */
  highlightMeaning: string;
}

/** Where things go, in pixels; tests compute positions from these. */
export const scatterLayout = {
  width: 640,
  plotLeft: 72,
  plotRight: 616,
  plotTop: 48,
  plotBottom: 348,
  legendTop: 416,
  legendRowHeight: 18,
} as const;

const colours = {
  highlighted: "#cf222e",
  other: "#0969da",
  axis: "#57606a",
  grid: "#d8dee4",
  text: "#1f2328",
} as const;

/**
 * A standalone SVG scatter chart: labelled axes with ticks, points placed
 * by linear scales, highlighted points joined left to right, and a legend
 * that names each point's marker.
 */
export function renderScatterChart(spec: ScatterChartSpec): string {
  const layout = scatterLayout;
  const xScale = niceLinearScale(
    spec.points.map((point) => point.x),
    [layout.plotLeft, layout.plotRight],
  );
  const yScale = niceLinearScale(
    spec.points.map((point) => point.y),
    [layout.plotBottom, layout.plotTop],
  );
  const place = (point: ScatterPoint) => ({
    ...point,
    cx: xScale.toPixel(point.x),
    cy: yScale.toPixel(point.y),
  });
  const placed = spec.points.map(place);
  const height =
    layout.legendTop + (placed.length + 1) * layout.legendRowHeight + 8;
  return svgElement(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      viewBox: `0 0 ${layout.width} ${height}`,
      width: layout.width,
      height,
      "font-family": "Helvetica, Arial, sans-serif",
      "font-size": 12,
      fill: colours.text,
    },
    [
      svgElement("title", {}, svgText(spec.title)),
      svgElement("rect", { width: layout.width, height, fill: "#ffffff" }),
      svgElement(
        "text",
        {
          x: layout.width / 2,
          y: 28,
          "text-anchor": "middle",
          "font-size": 16,
          "font-weight": "bold",
        },
        svgText(spec.title),
      ),
      drawAxis(xAxisPlacement(), xScale, spec.xLabel),
      drawAxis(yAxisPlacement(), yScale, spec.yLabel),
      drawFront(placed.filter((point) => point.isHighlighted)),
      ...placed.map(drawPoint),
      ...drawMarkers(placed),
      drawLegend(placed, spec.highlightMeaning),
    ],
  );
}

type PlacedPoint = ScatterPoint & { cx: number; cy: number };

/** What sets one axis apart from the other: where its parts are drawn. */
interface AxisPlacement {
  className: string;
  gridLine: (at: number) => string;
  tickMark: (at: number) => string;
  tickLabel: (at: number) => SvgAttributes;
  axisLine: string;
  label: SvgAttributes;
}

function xAxisPlacement(): AxisPlacement {
  const { plotTop, plotBottom, plotLeft, plotRight } = scatterLayout;
  return {
    className: "x-axis",
    gridLine: (x) => line(x, plotTop, x, plotBottom, colours.grid),
    tickMark: (x) => line(x, plotBottom, x, plotBottom + 5, colours.axis),
    tickLabel: (x) => ({ x, y: plotBottom + 20, "text-anchor": "middle" }),
    axisLine: line(plotLeft, plotBottom, plotRight, plotBottom, colours.axis),
    label: {
      x: (plotLeft + plotRight) / 2,
      y: plotBottom + 42,
      "text-anchor": "middle",
      "font-size": 13,
    },
  };
}

function yAxisPlacement(): AxisPlacement {
  const { plotTop, plotBottom, plotLeft, plotRight } = scatterLayout;
  const middle = (plotTop + plotBottom) / 2;
  return {
    className: "y-axis",
    gridLine: (y) => line(plotLeft, y, plotRight, y, colours.grid),
    tickMark: (y) => line(plotLeft - 5, y, plotLeft, y, colours.axis),
    tickLabel: (y) => ({ x: plotLeft - 8, y: y + 4, "text-anchor": "end" }),
    axisLine: line(plotLeft, plotTop, plotLeft, plotBottom, colours.axis),
    label: {
      x: 18,
      y: middle,
      "text-anchor": "middle",
      "font-size": 13,
      transform: `rotate(-90 18 ${middle})`,
    },
  };
}

/** An axis: a grid line, a tick and a number at each tick, and its label. */
function drawAxis(
  placement: AxisPlacement,
  scale: LinearScale,
  label: string,
): string {
  const marks = scale.ticks.map((tick) => {
    const at = scale.toPixel(tick);
    return [
      placement.gridLine(at),
      placement.tickMark(at),
      svgElement(
        "text",
        placement.tickLabel(at),
        svgText(tick.toFixed(scale.tickDecimals)),
      ),
    ].join("");
  });
  return svgElement("g", { class: placement.className }, [
    ...marks,
    placement.axisLine,
    svgElement("text", placement.label, svgText(label)),
  ]);
}

/** The highlighted points joined in order of x, as a front reads. */
function drawFront(points: readonly PlacedPoint[]): string {
  if (points.length < 2) return "";
  const ordered = [...points].sort((a, b) => a.cx - b.cx || a.cy - b.cy);
  return svgElement("polyline", {
    class: "front",
    points: ordered
      .map((point) => `${round(point.cx)},${round(point.cy)}`)
      .join(" "),
    fill: "none",
    stroke: colours.highlighted,
    "stroke-width": 1.5,
    "stroke-dasharray": "4 3",
  });
}

function drawPoint(point: PlacedPoint): string {
  return svgElement(
    "circle",
    {
      class: point.isHighlighted ? "point front-point" : "point",
      cx: point.cx,
      cy: point.cy,
      r: point.isHighlighted ? 6 : 5,
      fill: point.isHighlighted ? colours.highlighted : colours.other,
      "fill-opacity": point.isHighlighted ? 1 : 0.75,
      stroke: "#ffffff",
    },
    svgElement(
      "title",
      {},
      svgText(`${point.marker}: ${point.label} (${point.x}, ${point.y})`),
    ),
  );
}

/** Markers of points drawn on the same spot share one label: "1, 4". */
function drawMarkers(points: readonly PlacedPoint[]): string[] {
  const bySpot = groupBy(
    points,
    (point) => `${round(point.cx)},${round(point.cy)}`,
  );
  return [...bySpot.values()].map((group) => {
    const [first] = group;
    if (first === undefined) return "";
    return svgElement(
      "text",
      { x: first.cx + 8, y: first.cy - 7, "font-size": 11 },
      svgText(group.map((point) => point.marker).join(", ")),
    );
  });
}

function drawLegend(
  points: readonly PlacedPoint[],
  highlightMeaning: string,
): string {
  const { plotLeft, legendTop, legendRowHeight } = scatterLayout;
  const rowY = (row: number) => legendTop + row * legendRowHeight;
  const key = [
    svgElement("circle", {
      cx: plotLeft + 4,
      cy: rowY(0) - 4,
      r: 5,
      fill: colours.highlighted,
    }),
    svgElement(
      "text",
      { x: plotLeft + 14, y: rowY(0) },
      svgText(highlightMeaning),
    ),
  ];
  const rows = points.map((point, index) =>
    svgElement(
      "text",
      {
        x: plotLeft,
        y: rowY(index + 1),
        fill: point.isHighlighted ? colours.highlighted : undefined,
      },
      svgText(`${point.marker}  ${point.label}`),
    ),
  );
  return svgElement("g", { class: "legend" }, [...key, ...rows]);
}

function line(x1: number, y1: number, x2: number, y2: number, stroke: string) {
  return svgElement("line", { x1, y1, x2, y2, stroke });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

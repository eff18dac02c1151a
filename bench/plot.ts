/**
 * The growth curve as an SVG (`--plot=<file.svg>`; by default docs/performance-growth.svg after a full
 * run): one small panel per measure of bench/growth.ts, spectators on the x axis, the project beside
 * the raw socket.io server (and the raw ws server where it ran). Rendered with echarts' server-side SVG
 * renderer: no browser, no DOM, the same file from the same JSON.
 */
import * as echarts from "echarts";
import { GROWTH_MEASURES, type Growth, type GrowthFigures } from "./growth";

const WIDTH = 1200;
const HEIGHT = 780;
const COLUMNS = 3;
/** Panel geometry in pixels: the legend and the title take the top, the panels share the rest. */
const TOP = 90;
const BOTTOM = 20;
const LEFT = 60;
const GAP_X = 70;
const GAP_Y = 80;

const SERVERS = [
  // Labels above the project's points and below the baselines', so that close values stay readable.
  { key: "project", name: "project (node build/server.js)", color: "#c0392b", dashed: false, label: "top" },
  { key: "socketio", name: "raw socket.io", color: "#2c6fbb", dashed: false, label: "bottom" },
  { key: "ws", name: "raw ws", color: "#7f8c8d", dashed: true, label: "bottom" },
] as const;

const thousands = (n: number) => n.toLocaleString("en-US");

/** `caption`: what run this is (machine, load, shapes), printed under the title. */
export function renderGrowthSvg(growth: Growth, caption: string): string {
  const rows = Math.ceil(GROWTH_MEASURES.length / COLUMNS);
  const panelW = (WIDTH - LEFT - 30 - GAP_X * (COLUMNS - 1)) / COLUMNS;
  const panelH = (HEIGHT - TOP - BOTTOM - GAP_Y * rows) / rows;
  const xs = growth.points.map((p) => p.spectators);
  const xMax = Math.max(...xs);
  const present = SERVERS.filter((s) => growth.points.some((p) => p[s.key] !== null));

  const grid = GROWTH_MEASURES.map((_, i) => {
    const col = i % COLUMNS;
    const row = Math.floor(i / COLUMNS);
    return { left: LEFT + col * (panelW + GAP_X), top: TOP + GAP_Y + row * (panelH + GAP_Y) - 40, width: panelW, height: panelH, containLabel: false };
  });
  const panelTitles = GROWTH_MEASURES.map((m, i) => ({
    text: m.plot,
    left: grid[i].left,
    top: grid[i].top - 30,
    textStyle: { fontSize: 14, fontWeight: "bold" as const },
  }));

  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: "#ffffff",
      textStyle: { fontFamily: "sans-serif" },
      title: [
        {
          text: `Live hearing room: growth with the hall (${growth.jurors} jurors; ${xs.map(thousands).join(", ")} spectators)`,
          subtext: caption,
          left: LEFT - 10,
          top: 8,
          textStyle: { fontSize: 17 },
          subtextStyle: { fontSize: 12, color: "#555" },
        },
        ...panelTitles,
      ],
      legend: { top: 62, left: LEFT - 10, data: present.map((s) => s.name), itemWidth: 28 },
      tooltip: { show: false },
      grid,
      xAxis: grid.map((_, i) => ({
        type: "value",
        gridIndex: i,
        min: 0,
        max: xMax,
        interval: xMax / (xs.length >= 3 ? 4 : 2),
        name: "spectators",
        nameLocation: "middle",
        nameGap: 24,
        axisLabel: { formatter: (v: number) => thousands(Math.round(v)), fontSize: 11 },
        splitLine: { show: false },
      })),
      yAxis: grid.map((_, i) => ({ type: "value", gridIndex: i, min: 0, axisLabel: { fontSize: 11 }, splitLine: { lineStyle: { color: "#eee" } } })),
      series: GROWTH_MEASURES.flatMap((m, i) =>
        present.map((s) => ({
          type: "line",
          name: s.name,
          xAxisIndex: i,
          yAxisIndex: i,
          symbol: "circle",
          symbolSize: 7,
          color: s.color,
          lineStyle: { width: 2, type: s.dashed ? ("dashed" as const) : ("solid" as const) },
          labelLayout: { hideOverlap: true },
          label: { show: true, position: s.label, fontSize: 10, color: s.color, formatter: (p: { value: [number, number | null] }) => fmt(p.value[1]) },
          // A missing figure stays a gap in the line, never a zero.
          data: growth.points.map((p) => {
            const f = p[s.key] as GrowthFigures | null;
            const v = f?.[m.key] ?? null;
            return [p.spectators, v === null ? null : v * m.scale];
          }),
          connectNulls: false,
        })),
      ),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function fmt(v: number | null): string {
  if (v === null) return "";
  if (v >= 100) return thousands(Math.round(v));
  if (v >= 10) return v.toFixed(1).replace(/\.0$/, "");
  return v.toFixed(2).replace(/\.?0+$/, "");
}

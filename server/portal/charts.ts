import type { EChartsOption } from "echarts";

/**
 * ECharts is loaded on the first chart, and only the parts these charts draw (each `lib/` module installs
 * itself). Imported with the server, the whole package took 0.85 s of every start — and a restart is
 * part of the live room's reconnect storm (issue 16); /stats is rarely the first page anyone opens.
 */
let loading: Promise<typeof import("echarts/core")> | undefined;
const loadECharts = () =>
  (loading ??= (async () => {
    const core = await import("echarts/core");
    const [svg] = await Promise.all([
      import("echarts/lib/renderer/installSVGRenderer.js"),
      import("echarts/lib/chart/bar"),
      import("echarts/lib/chart/line"),
      import("echarts/lib/component/gridSimple"),
    ]);
    core.use(svg.install as Parameters<typeof core.use>[0]);
    return core;
  })());

/**
 * Charts for /stats and the reports, rendered on the server to SVG by Apache ECharts (its SSR mode):
 * the page needs no JavaScript to show them, prints them, and every chart has a table under it with
 * the same figures for screen readers and for anyone who prefers numbers (decision 017).
 * The labels are translated by the caller; the SVG is served as an image, so no text in it can run.
 */
const FONT = "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";
const PALETTE = ["#0f5c57", "#b42318", "#8a4b00", "#1d6fd1", "#4e5c57"];

async function render(option: EChartsOption, width = 640, height = 300): Promise<string> {
  const echarts = await loadECharts();
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: FONT, fontSize: 14, color: "#1c2421" }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}

/** Horizontal bars: one per label. */
export function barChart(labels: string[], values: number[], opts: { unit?: string; max?: number } = {}): Promise<string> {
  return render(
    {
      grid: { left: 8, right: 48, top: 16, bottom: 16, containLabel: true },
      xAxis: { type: "value", minInterval: 1, max: opts.max, axisLabel: { formatter: `{value}${opts.unit ?? ""}` } },
      yAxis: { type: "category", data: labels, inverse: true, axisLabel: { width: 220, overflow: "truncate" } },
      series: [{ type: "bar", data: values, label: { show: true, position: "right", formatter: `{c}${opts.unit ?? ""}` }, barMaxWidth: 28 }],
    },
    640,
    Math.max(140, 48 * labels.length + 40),
  );
}

/** A line over rounds (同意率 of each decided item, in %). */
export function lineChart(labels: string[], values: number[], unit = "%"): Promise<string> {
  return render({
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: labels, axisLabel: { interval: 0, width: 120, overflow: "truncate" } },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: `{value}${unit}` } },
    series: [{ type: "line", data: values, label: { show: true, formatter: `{c}${unit}` }, symbolSize: 10, lineStyle: { width: 3 } }],
  });
}

// ECharts' per-chart modules (charts.ts loads only these): each installs itself on import. The package
// ships no types for them.
declare module "echarts/lib/chart/bar";
declare module "echarts/lib/chart/line";
declare module "echarts/lib/component/gridSimple";
declare module "echarts/lib/renderer/installSVGRenderer.js" {
  export function install(registers: unknown): void;
}

import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { UnitStats } from "./api.ts";

/**
 * Bars per unit: on time and overdue in one stack, closed resolved and not resolved in another. ECharts is
 * loaded only here (its own chunk), when the dashboard opens; the table carries every figure.
 */
export function StatsChart({ items }: { items: UnitStats[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | null = null;
    const onResize = () => chart?.resize();
    void (async () => {
      const [core, charts, components, renderers] = await Promise.all([
        import("echarts/core"),
        import("echarts/charts"),
        import("echarts/components"),
        import("echarts/renderers"),
      ]);
      core.use([
        charts.BarChart,
        components.AriaComponent,
        components.GridComponent,
        components.TooltipComponent,
        components.LegendComponent,
        renderers.CanvasRenderer,
      ]);
      if (disposed || !ref.current) return;
      const instance = core.init(ref.current);
      chart = instance;
      const top = items.slice(0, 12);
      const names = top.map((u) => u.unitName);
      // Two stacks per unit: timeliness (on time, overdue) and closing (resolved, not resolved).
      // A case can be in both, so they are never added into one bar.
      const series = (name: string, stack: string, color: string, values: number[]) => ({
        name,
        type: "bar" as const,
        stack,
        itemStyle: { color },
        data: values,
      });
      instance.setOption({
        // Each series also gets its own pattern, so the bars differ by more than their colour;
        // the description stays the container's own label.
        aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: {
          type: "category",
          inverse: true,
          data: names,
          axisLabel: { width: 220, overflow: "truncate" },
        },
        series: [
          series(
            t("petitions.stats.onTime"),
            "time",
            "#389e0d",
            top.map((u) => u.answeredOnTime),
          ),
          series(
            t("petitions.stats.overdue"),
            "time",
            "#cf1322",
            top.map((u) => u.overdue),
          ),
          series(
            t("petitions.stats.closedResolved"),
            "closed",
            "#1677ff",
            top.map((u) => u.closedResolved),
          ),
          series(
            t("petitions.stats.closedUnresolved"),
            "closed",
            "#d46b08",
            top.map((u) => u.closedUnresolved),
          ),
        ],
      });
      window.addEventListener("resize", onResize);
    })();
    return () => {
      disposed = true;
      window.removeEventListener("resize", onResize);
      chart?.dispose();
    };
  }, [items, t]);

  return (
    <div
      ref={ref}
      className="petitions-chart"
      role="img"
      aria-label={t("petitions.stats.chartLabel")}
      style={{ height: Math.max(260, Math.min(items.length, 12) * 52 + 70) }}
    />
  );
}

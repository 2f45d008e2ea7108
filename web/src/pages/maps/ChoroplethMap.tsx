import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { MapData } from '../../api/maps';

// The choropleth shared by the signed-in map page and the public portal (which loads it only when a reader opens the
// map). The table beside it is the accessible alternative: the canvas carries a one-sentence summary.

echarts.use([MapChart, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export type Row = MapData['rows'][number];
export type Status = Row['status'];
export const statuses: Status[] = ['met', 'not_met', 'awaiting', 'not_applicable', 'no_report'];
// Dark enough on white for the legend text; "no report" light grey with a border drawn by the map.
export const statusColors: Record<Status, string> = { met: '#237804', not_met: '#a8071a', awaiting: '#ad6800', not_applicable: '#595959', no_report: '#d9d9d9' };

/** How many rows are met, not met, and anything else (for the map's one-sentence summary), and how many have no geometry. */
export function countMapRows(rows: readonly Row[]) {
  const met = rows.filter((r) => r.status === 'met').length;
  const notMet = rows.filter((r) => r.status === 'not_met').length;
  return { met, notMet, other: rows.length - met - notMet, missing: rows.filter((r) => !r.hasGeometry).length };
}

export function ChoroplethMap({ data, colourBy, summary, label }: { data: MapData; colourBy: 'status' | 'value'; summary: string; label: (s: Status) => string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current || !data.geojson || !data.boundarySet) return;
    const mapName = `ranh-gioi-${data.boundarySet.id}-${data.level}-${data.geojson.features.length}`;
    echarts.registerMap(mapName, data.geojson as unknown as Parameters<typeof echarts.registerMap>[1]);
    const chart = echarts.init(ref.current);
    const values = data.rows.filter((r) => r.value !== null).map((r) => r.value as number);
    const rowsById = new Map(data.rows.map((r) => [r.unitId, r] as const));
    chart.setOption({
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string }) => {
          const r = rowsById.get(p.name);
          return r ? `${r.name}<br/>${label(r.status)}${r.displayValue ? ` — ${r.displayValue}` : ''}` : p.name;
        },
      },
      visualMap:
        colourBy === 'status'
          ? {
              type: 'piecewise',
              dimension: 0,
              orient: 'horizontal',
              left: 'center',
              bottom: 0,
              pieces: statuses.map((s, i) => ({ value: i, label: label(s), color: statusColors[s] })),
            }
          : {
              type: 'continuous',
              min: values.length ? Math.min(...values) : 0,
              max: values.length ? Math.max(...values) : 1,
              orient: 'horizontal',
              left: 'center',
              bottom: 0,
              calculable: true,
              inRange: { color: ['#fff1f0', '#a8071a'] },
            },
      series: [
        {
          type: 'map',
          map: mapName,
          nameProperty: 'unitId',
          roam: true,
          itemStyle: { borderColor: '#434343', borderWidth: 0.6, areaColor: '#f5f5f5' },
          label: { show: false },
          data: data.rows
            .filter((r) => r.hasGeometry && (colourBy === 'status' || r.value !== null))
            .map((r) => ({ name: r.unitId, value: colourBy === 'status' ? statuses.indexOf(r.status) : r.value })),
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [data, colourBy, label]);
  return <div ref={ref} role="img" aria-label={summary} data-testid="choropleth" style={{ height: 460, width: '100%' }} />;
}

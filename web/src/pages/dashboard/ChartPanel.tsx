import { useEffect, useRef, type ReactNode } from 'react';
import { Button, Card } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { useDashboardStrings } from './strings';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Props = {
  title: string;
  /** A sentence a screen reader reads instead of the picture; the table beside it has every figure. */
  summary: string;
  option: EChartsCoreOption;
  height: number;
  /** File name without extension for the PNG download. */
  fileName: string;
  children?: ReactNode;
};

/** Triggers a browser download of a data: URL. */
function download(dataUrl: string, fileName: string) {
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * An ECharts chart in a card with a PNG download button (ECharts getDataURL) and an accessible summary; the caller
 * puts the equivalent table as children.
 */
export function ChartPanel({ title, summary, option, height, fileName, children }: Props) {
  const t = useDashboardStrings();
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chartRef.current = chart;
    chart.setOption({ animation: false, ...option });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chartRef.current = null;
      chart.dispose();
    };
  }, [option]);
  const onDownload = () => {
    const chart = chartRef.current;
    if (!chart) return;
    download(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }), `${fileName}.png`);
  };
  return (
    <Card
      size="small"
      title={title}
      extra={
        <Button size="small" icon={<DownloadOutlined />} onClick={onDownload} aria-label={t('downloadPngLabel', { title })}>
          {t('downloadPng')}
        </Button>
      }
    >
      <div ref={ref} role="img" aria-label={summary} style={{ height, width: '100%' }} />
      {children}
    </Card>
  );
}

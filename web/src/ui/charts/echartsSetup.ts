import { BarChart, CustomChart, FunnelChart, GraphChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

// Every chart type the app draws (ECharts 6, tree-shaken), loaded with the first chart shown. SVG
// draws the pages; the canvas renderer is there for charts exported as PNG (getDataURL).
use([
  BarChart,
  CustomChart,
  FunnelChart,
  GraphChart,
  HeatmapChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export { init };

import { BarChart, CustomChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what the campaign pages draw (funnel bars, lift bars with CI whiskers).
use([BarChart, CustomChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { init };

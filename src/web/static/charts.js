// Draws the 统计 charts with ECharts from the figures the server put in #stats-data.
(() => {
  const el = document.getElementById('stats-data');
  if (!el || !window.echarts) return;
  const data = JSON.parse(el.textContent);
  const days = data.days.map((d) => d.slice(5));
  const draw = (id, option) => {
    const node = document.getElementById(id);
    if (!node) return;
    const chart = window.echarts.init(node);
    chart.setOption({ animation: false, tooltip: { trigger: 'axis' }, grid: { left: 36, right: 12, bottom: 60, top: 20 }, ...option });
    window.addEventListener('resize', () => chart.resize());
  };
  const legend = { bottom: 0, type: 'scroll' };
  if (data.requestsByCategory)
    draw('chart-requests', {
      legend,
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', minInterval: 1 },
      series: data.requestsByCategory.map((s) => ({ ...s, type: 'bar', stack: 'all' })),
    });
  if (data.outcomes)
    draw('chart-outcomes', {
      tooltip: { trigger: 'item' },
      legend,
      series: [{ type: 'pie', radius: ['35%', '65%'], data: data.outcomes }],
    });
  if (data.callsByGrid)
    draw('chart-calls', {
      legend,
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', minInterval: 1 },
      series: data.callsByGrid.map((s) => ({ ...s, type: 'bar' })),
    });
  if (data.union)
    draw('chart-union', {
      legend,
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', minInterval: 1 },
      series: data.union.map((s) => ({ ...s, type: s.stack ? 'bar' : 'line' })),
    });
})();

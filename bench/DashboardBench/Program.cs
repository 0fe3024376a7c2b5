using System.Globalization;
using System.Text.Json;
using Fathom.Core.Measurements;
using Fathom.Dashboard.Tests.Support;
using Microsoft.Playwright;

// The dashboard's two speed goals (issue 10), measured in Debian's headless Chromium on loopback:
//   paint: navigation start → the collectors table rendered (the mark 'fathom:collectors'), a fresh
//          browser context (empty cache) each run; also the first contentful paint.
//   chart: a week at 1 min, 10,080 points × 4 series (raw, one chart, overlaid): the chart's own
//          measure from taking the columns to uPlot's first draw; also navigation → drawn.
var runs = int.Parse(Environment.GetEnvironmentVariable("RUNS") ?? "20", CultureInfo.InvariantCulture);
const int Week = 10_080;
string[] targets = ["198.18.0.1", "198.18.0.2", "198.18.0.3", "198.18.0.4"];
var keys = targets.Select(t => new SeriesKey("bench.rtt", Units.Milliseconds, [new("collector", "bench"), new("target", t)])).ToArray();
long weekStartNs = 0, weekEndNs = 0;

IEnumerable<Measurement> Week4(long nowNs)
{
    weekEndNs = (nowNs / DemoData.MinuteNs * DemoData.MinuteNs) - DemoData.MinuteNs;
    weekStartNs = weekEndNs - ((Week - 1) * DemoData.MinuteNs);
    for (var i = 0; i < Week; i++)
    {
        for (var k = 0; k < keys.Length; k++)
        {
            yield return Measurement.Of(new Sample(keys[k], weekStartNs + (i * DemoData.MinuteNs), 10 + k + Math.Sin((i + (k * 50)) / 100.0) + (0.3 * Math.Sin(i * 7.1))));
        }
    }
}

await using var host = await DashboardHost.StartAsync(Week4);
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    Timeout = 60_000,
});
Console.WriteLine($"chromium {browser.Version}; API at {host.BaseUrl}; {runs} runs each after one warm-up");

async Task<JsonElement> Measure(string url, string readyScript, string resultScript)
{
    await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
    context.SetDefaultTimeout(30_000);
    var page = await context.NewPageAsync();
    await page.GotoAsync(url);
    await page.WaitForFunctionAsync(readyScript);
    return await page.EvaluateAsync<JsonElement>(resultScript);
}

static string Stats(List<double> xs)
{
    xs.Sort();
    double Q(double q) => xs[Math.Min(xs.Count - 1, (int)Math.Ceiling(q * xs.Count) - 1)];
    return string.Create(CultureInfo.InvariantCulture, $"median {Q(0.5):F1} ms, p95 {Q(0.95):F1} ms, min {xs[0]:F1} ms, max {xs[^1]:F1} ms");
}

var useful = new List<double>();
var fcp = new List<double>();
var apiDone = new List<double>();
var scriptDone = new List<double>();
for (var i = 0; i <= runs; i++)
{
    var r = await Measure("/", "() => performance.getEntriesByName('fathom:collectors').length > 0",
        "() => ({ useful: performance.getEntriesByName('fathom:collectors')[0].startTime, fcp: (performance.getEntriesByName('first-contentful-paint')[0] || { startTime: -1 }).startTime, api: (performance.getEntriesByName(location.origin + '/api/v1/collectors')[0] || { responseEnd: -1 }).responseEnd, script: (performance.getEntriesByType('resource').find(e => /app-.*\\.js$/.test(e.name)) || { responseEnd: -1 }).responseEnd })");
    if (i == 0)
    {
        continue;
    }

    useful.Add(r.GetProperty("useful").GetDouble());
    fcp.Add(r.GetProperty("fcp").GetDouble());
    apiDone.Add(r.GetProperty("api").GetDouble());
    scriptDone.Add(r.GetProperty("script").GetDouble());
}

Console.WriteLine($"paint: first useful paint (collectors listed) {Stats(useful)}");
Console.WriteLine($"paint: first contentful paint {Stats(fcp)}");
Console.WriteLine($"paint: app script received {Stats(scriptDone)}; /api/v1/collectors answered (preloaded) {Stats(apiDone)}");

var from = DateTimeOffset.FromUnixTimeMilliseconds(weekStartNs / 1_000_000).ToString("O", CultureInfo.InvariantCulture);
var to = DateTimeOffset.FromUnixTimeMilliseconds(weekEndNs / 1_000_000).ToString("O", CultureInfo.InvariantCulture);
var chartUrl = $"/?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}&step=raw&refresh=off&" + string.Join('&', keys.Select(k => "s=" + Uri.EscapeDataString(k.Canonical)));
var draw = new List<double>();
var align = new List<double>();
var total = new List<double>();
var points = 0;
for (var i = 0; i <= runs; i++)
{
    var r = await Measure(chartUrl, "() => { const c = window.__fathom.charts.get('bench.rtt'); return c && c.drawMs > 0; }",
        "() => { const c = window.__fathom.charts.get('bench.rtt'); const start = performance.getEntriesByName('chart:bench.rtt:start')[0].startTime; return { draw: c.drawMs, align: performance.getEntriesByName('chart:bench.rtt:aligned')[0].startTime - start, points: (c.plot.data.length - 1) * c.plot.data[0].length, total: performance.getEntriesByName('chart:bench.rtt:drawn')[0].startTime }; }");
    if (i == 0)
    {
        continue;
    }

    draw.Add(r.GetProperty("draw").GetDouble());
    align.Add(r.GetProperty("align").GetDouble());
    total.Add(r.GetProperty("total").GetDouble());
    points = r.GetProperty("points").GetInt32();
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chart: {points:N0} points ({keys.Length} series × {points / keys.Length:N0}) drawn: {Stats(draw)}"));
Console.WriteLine($"chart: of which joining the columns (ns → s, gaps, one x) {Stats(align)}");
Console.WriteLine($"chart: navigation → drawn (4 queries of 10,080 raw points included) {Stats(total)}");

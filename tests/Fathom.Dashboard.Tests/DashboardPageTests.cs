using System.Text.Json;
using Fathom.Dashboard.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Fathom.Dashboard.Tests;

/// <summary>The dashboard in headless Chromium against the real API: what an operator sees and does.</summary>
[Collection("dashboard")]
public sealed class DashboardPageTests(DashboardFixture fixture, ITestOutputHelper output)
{
    private static readonly string RttV4 = Uri.EscapeDataString(DemoData.RttV4.Canonical);
    private static readonly string RttV6 = Uri.EscapeDataString(DemoData.RttV6.Canonical);

    [Fact]
    public async Task Overview_Loads_ListsEveryCollectorWithItsHealth()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        var rows = page.Locator("table.collectors tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("tr[data-id='trace-core']")).ToContainTextAsync("restarting");
        await Assertions.Expect(page.Locator("tr[data-id='trace-core']")).ToContainTextAsync("no answer past hop 2");
        await Assertions.Expect(page.Locator("tr[data-id='trace-core'] td.num").Nth(1)).ToContainTextAsync("41");
        await Assertions.Expect(page.Locator("tr[data-id='loopback-ping']")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("in \\d+ s"));
        await Assertions.Expect(page.Locator("tr[data-id='host'] .dot.ok")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("button.run")).ToHaveCountAsync(3);
        await SaveAsync(page, "overview-empty");
    }

    [Fact]
    public async Task Chart_SeriesWithData_DrawsEveryPointOnTheCanvas()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/?r=6h&s={RttV4}&s={RttV6}");
        var chart = page.Locator("section.chart[data-series='ping.rtt.avg']");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-drawn", new System.Text.RegularExpressions.Regex("^[0-9]+$"));
        var shape = await PlotAsync(page, "ping.rtt.avg");
        Assert.Equal(3, shape.Columns); // x and two overlaid series
        Assert.InRange(shape.Points, 300, 2000); // 6 h at a 15 s step over 1 min data: one point a minute
        Assert.InRange(shape.RangeSeconds, (6 * 3600) - 60, (6 * 3600) + 60);
        Assert.True(shape.Painted > 1_500, $"the canvas has {shape.Painted} pixels in the first series' colour (a line across a 1400 px chart)");
        await Assertions.Expect(chart.Locator("table.legend tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(chart.Locator("table.legend td.max").First).ToContainTextAsync("µs");
        await Assertions.Expect(chart.Locator(".u-axis").Nth(1)).ToBeVisibleAsync();
        await SaveAsync(page, "chart-two-series");
    }

    [Fact]
    public async Task RangePicker_Preset_ChangesTheRangeAndTheStep()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/?r=1h&s={RttV4}");
        await Assertions.Expect(page.Locator("section.chart[data-drawn]")).ToHaveCountAsync(1);
        var hour = await PlotAsync(page, "ping.rtt.avg");
        Assert.InRange(hour.RangeSeconds, 3500, 3700);
        await page.ClickAsync("button[data-range='7d']");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("r=7d"));
        await Assertions.Expect(page.Locator("button[data-range='7d']")).ToHaveClassAsync("on");
        await page.WaitForFunctionAsync("() => { const c = window.__fathom.charts.get('ping.rtt.avg'); return c && c.plot.scales.x.max - c.plot.scales.x.min > 6 * 86400; }");
        var week = await PlotAsync(page, "ping.rtt.avg");
        Assert.InRange(week.Points, 1000, 2000); // 10 min step: ~1008 buckets
        // The line is 10 min averages (max ~80 µs); the legend's max is the archive's over the week: a 1 min spike of ~250 µs.
        await Assertions.Expect(page.Locator("section.chart table.legend tbody tr[data-exact]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("section.chart table.legend td.max").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^2[0-9][0-9] µs$"));
        await SaveAsync(page, "range-7d");
    }

    [Fact]
    public async Task Chart_DragAcross_ZoomsAndPutsTheZoomInTheUrl_DoubleClickLeaves()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/?r=24h&s={RttV4}&s={RttV6}");
        await Assertions.Expect(page.Locator("section.chart[data-drawn]")).ToHaveCountAsync(1);
        var over = page.Locator("section.chart .u-over");
        var box = (await over.BoundingBoxAsync())!;
        var y = box.Y + (box.Height / 2);
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.70f), y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.80f), y, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.90f), y, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("z=\\d+-\\d+"));
        await Assertions.Expect(page.Locator("button.zoomed")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => { const c = window.__fathom.charts.get('ping.rtt.avg'); return c && c.plot.scales.x.max - c.plot.scales.x.min < 6 * 3600; }");
        var zoomed = await PlotAsync(page, "ping.rtt.avg");
        Assert.InRange(zoomed.RangeSeconds, 3.5 * 3600, 6 * 3600); // a fifth of 24 h
        Assert.True(zoomed.Points > 200, $"the zoomed window was queried again at a finer step ({zoomed.Points} points)");
        await SaveAsync(page, "zoomed");

        await page.Locator("section.chart .u-over").DblClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("z=", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("button.zoomed")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Status_Elements_ShowAsATimelineOfStates()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/?r=6h");
        var eth0 = page.Locator(".tl-row[data-element='eth0']");
        await Assertions.Expect(eth0).ToBeVisibleAsync();
        await Assertions.Expect(eth0.Locator(".tl-seg")).ToHaveCountAsync(5);
        await Assertions.Expect(eth0.Locator(".tl-seg.bad")).ToHaveCountAsync(1);
        await Assertions.Expect(eth0.Locator(".tl-seg.warn")).ToHaveCountAsync(1);
        await Assertions.Expect(eth0.Locator(".tl-state")).ToContainTextAsync("up");
        var eth1 = page.Locator(".tl-row[data-element='eth1']");
        await Assertions.Expect(eth1.Locator(".tl-seg.bad")).ToHaveCountAsync(1);
        var width = await eth1.Locator(".tl-seg.bad").EvaluateAsync<double>("e => e.getBoundingClientRect().width / e.parentElement.getBoundingClientRect().width");
        Assert.InRange(width, 0.70, 0.80); // down for 270 of the 360 minutes
        var core = page.Locator(".tl-row[data-element='core-link']");
        await Assertions.Expect(core.Locator(".tl-seg")).ToHaveCountAsync(3);
        await Assertions.Expect(core.Locator(".tl-seg.admin[data-admin='maintenance']")).ToHaveCountAsync(1);
        await Assertions.Expect(core.Locator(".tl-state")).ToContainTextAsync("admin maintenance");
        var edges = await core.Locator(".tl-seg").EvaluateAllAsync<double[]>(
            "segs => segs.slice(0, 2).flatMap(e => { const b = e.getBoundingClientRect(), p = e.parentElement.getBoundingClientRect(); return [(b.left - p.left) / p.width, (b.right - p.left) / p.width]; })");
        Assert.InRange(edges[2] - edges[1], 0.04, 0.07); // the 20 unobserved minutes of 360 stay empty
        await Assertions.Expect(page.Locator(".event.change ol.hops").First.Locator("li")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator(".event.change li.changed")).ToHaveCountAsync(2); // hop 2 in the old and the new path
        await SaveAsync(page, "status-and-events");
    }

    [Fact]
    public async Task DeepLink_CollectorPageWithRangeZoomAndSeries_RestoresTheView()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(fixture.Host.DataEndNs / 1_000_000);
        var zoomFrom = now.AddHours(-3).ToUnixTimeMilliseconds();
        var zoomTo = now.AddMinutes(-10).ToUnixTimeMilliseconds(); // the path change (25 min ago) inside
        var page = await fixture.NewPageAsync(ColorScheme.Dark);
        await page.GotoAsync($"/collectors/loopback-ping?r=6h&z={zoomFrom}-{zoomTo}&s={RttV4}&s={RttV6}");
        await Assertions.Expect(page.Locator("section.collector-card h2")).ToContainTextAsync("loopback-ping");
        await Assertions.Expect(page.Locator("button.zoomed")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("section.chart[data-drawn]")).ToHaveCountAsync(1);
        var shape = await PlotAsync(page, "ping.rtt.avg");
        Assert.Equal(3, shape.Columns);
        Assert.InRange(shape.RangeSeconds, 10190, 10210);
        Assert.InRange(shape.MinSeconds, (zoomFrom / 1000.0) - 1, (zoomFrom / 1000.0) + 1);
        await Assertions.Expect(page.Locator(".event.change")).ToHaveCountAsync(1); // the collector's events only
        await SaveAsync(page, "deep-link-collector-dark");

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("section.chart[data-drawn]")).ToHaveCountAsync(1);
        Assert.InRange((await PlotAsync(page, "ping.rtt.avg")).RangeSeconds, 10190, 10210);

        // A collector's page with no series in the URL charts that collector's own series.
        await page.GotoAsync("/collectors/host?r=24h");
        await Assertions.Expect(page.Locator("section.chart[data-drawn]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("section.chart[data-series='host.cpu.user'] table.legend td.max")).ToContainTextAsync("%");
        await Assertions.Expect(page.Locator("section.chart[data-series='host.mem.available'] table.legend td.avg")).ToContainTextAsync("GiB");
        await SaveAsync(page, "collector-host-dark");
    }

    [Fact]
    public async Task Search_ByNameAndTag_AddsTheSeriesToTheCharts()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/?r=1h");
        await page.FillAsync("input.search", "rtt target=::1");
        var pick = page.Locator($"button.pick[data-key='{DemoData.RttV6.Canonical}']");
        await Assertions.Expect(page.Locator("button.pick")).ToHaveCountAsync(1);
        await SaveAsync(page, "search");
        await pick.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("s=ping\\.rtt\\.avg"));
        await Assertions.Expect(page.Locator("section.chart[data-drawn]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task RunNow_WithTheToken_PostsTheRun_WithAWrongOne_SaysSo()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        var requested = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Host.Daemon.RunRequested = requested;

        await page.ClickAsync("button.run[data-collector='host']");
        await page.FillAsync("dialog.token-dialog input", "not-the-token");
        await page.ClickAsync("dialog.token-dialog button.primary");
        await Assertions.Expect(page.Locator(".toast.error")).ToContainTextAsync("not the api's token");

        await page.ClickAsync("button.run[data-collector='host']");
        await page.FillAsync("dialog.token-dialog input", DashboardHost.Token);
        await page.ClickAsync("dialog.token-dialog button.primary");
        Assert.Equal("host", await requested.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        await Assertions.Expect(page.Locator(".toast.ok")).ToContainTextAsync("host: run started");
        Assert.Equal(DashboardHost.Token, await page.EvaluateAsync<string>("() => sessionStorage.getItem('fathom.token')"));
        await SaveAsync(page, "run-now");
    }

    private async Task SaveAsync(IPage page, string name)
    {
        var path = await Screenshots.TakeAsync(page, name);
        output.WriteLine($"screenshot: {path}");
    }

    private static async Task<PlotShape> PlotAsync(IPage page, string name)
    {
        var json = await page.EvaluateAsync<JsonElement>(
            """
            name => {
              const c = window.__fathom.charts.get(name);
              const canvas = c.root.querySelector('canvas');
              const ctx = canvas.getContext('2d');
              const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
              // pixels of the first series' stroke (#3b82f6), give or take antialiasing
              let painted = 0;
              for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 200 && Math.abs(px[i] - 0x3b) < 40 && Math.abs(px[i + 1] - 0x82) < 40 && Math.abs(px[i + 2] - 0xf6) < 40) painted++;
              return { columns: c.plot.data.length, points: c.plot.data[0].length, min: c.plot.scales.x.min, range: c.plot.scales.x.max - c.plot.scales.x.min, painted };
            }
            """,
            name);
        return new PlotShape(json.GetProperty("columns").GetInt32(), json.GetProperty("points").GetInt32(), json.GetProperty("min").GetDouble(), json.GetProperty("range").GetDouble(), json.GetProperty("painted").GetInt32());
    }

    private sealed record PlotShape(int Columns, int Points, double MinSeconds, double RangeSeconds, int Painted);
}

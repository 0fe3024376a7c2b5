using Microsoft.Playwright;

namespace Fathom.Dashboard.Tests.Support;

/// <summary>One API with the demo data and one Chromium for every test of the "dashboard" collection; each test gets its own browser context.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private readonly Chromium _chromium = new();
    private DashboardHost? _host;

    internal DashboardHost Host => _host!;

    public IBrowser Browser => _chromium.Browser;

    public async Task InitializeAsync()
    {
        _host = await DashboardHost.StartAsync();
        await _chromium.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>A fresh context (own sessionStorage) and page, 1400×900, with short default timeouts.</summary>
    public async Task<IPage> NewPageAsync(ColorScheme scheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            ColorScheme = scheme,
            TimezoneId = "UTC",
        }).WaitAsync(TimeSpan.FromSeconds(30));
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return page;
    }
}

[CollectionDefinition("dashboard")]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>;

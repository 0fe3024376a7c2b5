using Microsoft.Playwright;

namespace Fathom.Dashboard.Tests.Support;

/// <summary>Screenshots kept as test artifacts in artifacts/screenshots/ at the repository root (or $FATHOM_SCREENSHOTS).</summary>
internal static class Screenshots
{
    public static string Directory { get; } = Find();

    public static async Task<string> TakeAsync(IPage page, string name)
    {
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Timeout = 30_000 });
        return path;
    }

    private static string Find()
    {
        var dir = Environment.GetEnvironmentVariable("FATHOM_SCREENSHOTS");
        if (string.IsNullOrEmpty(dir))
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Fathom.sln")))
            {
                root = root.Parent;
            }

            dir = Path.Combine(root?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        }

        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }
}

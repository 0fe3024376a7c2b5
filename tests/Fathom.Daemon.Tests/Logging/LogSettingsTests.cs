using Fathom.Daemon.Logging;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Tests.Logging;

public sealed class LogSettingsTests
{
    [Fact]
    public void LevelFor_NoCategories_GlobalLevel()
    {
        Assert.Equal(LogLevel.Information, new LogSettings().LevelFor("anything"));
    }

    [Fact]
    public void LevelFor_LongestMatchingPrefix_WinsWhateverTheInsertionOrder()
    {
        var s = new LogSettings { Level = LogLevel.Error };
        s.Categories["collector/ping1"] = LogLevel.Trace;
        s.Categories["collector"] = LogLevel.Warning;
        s.Categories["c"] = LogLevel.Critical;

        Assert.Equal(LogLevel.Trace, s.LevelFor("collector/ping1"));
        Assert.Equal(LogLevel.Warning, s.LevelFor("collector/ping2"));
        Assert.Equal(LogLevel.Critical, s.LevelFor("cli"));
        Assert.Equal(LogLevel.Error, s.LevelFor("pipeline"));
    }

    [Fact]
    public void LevelFor_PrefixIsCaseSensitive()
    {
        var s = new LogSettings();
        s.Categories["Pipeline"] = LogLevel.Debug;

        Assert.Equal(LogLevel.Information, s.LevelFor("pipeline"));
    }
}

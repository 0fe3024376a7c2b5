namespace Fathom.IntegrationTests;

/// <summary>Twenty-odd broken configurations: each exits 2 and names the file and line at fault.</summary>
public sealed class MalformedConfigTests
{
    private const string Head = "collection_interval 1\n"; // line 1

    public static TheoryData<string, string, string, int, string> Cases() => new()
    {
        // name, main file text, file at fault ("" = main), line, message fragment
        { "unclosed-block", Head + "<collector a>\n  module noop\n", "", 2, "" },
        { "stray-close", Head + "<collector a>\n  module noop\n</collector>\n</collector>\n", "", 5, "" },
        { "unknown-module", Head + "<collector a>\n  module pingg\n</collector>\n", "", 3, "unknown module 'pingg' (known modules: dns, host, http, noop, ping, script, snmp, status, tcp, throughput, trace;" },
        { "unknown-key", Head + "<collector a>\n  module noop\n  emitt yes\n</collector>\n", "", 4, "unknown key 'emitt' for module noop" },
        { "missing-module", Head + "<collector a>\n  emit yes\n</collector>\n", "", 2, "collector 'a' has no 'module'" },
        { "bad-interval", Head + "<collector a>\n  module noop\n  collection_interval soon\n</collector>\n", "", 4, "'collection_interval' must be a positive duration" },
        { "zero-interval", "collection_interval 0\n<collector a>\n  module noop\n</collector>\n", "", 1, "'collection_interval' must be a positive duration" },
        { "bad-schedule", Head + "<collector a>\n  module noop\n  schedule hourly\n</collector>\n", "", 4, "'schedule' must be one of sleep, aligned" },
        { "bad-isolation", Head + "<collector a>\n  module noop\n  isolation container\n</collector>\n", "", 4, "'isolation' must be one of thread, process" },
        { "jitter-too-big", Head + "<collector a>\n  module noop\n  jitter 5\n</collector>\n", "", 4, "'jitter' (5 s) must not exceed the collection interval" },
        { "bad-timeout", Head + "<collector a>\n  module noop\n  timeout -1\n</collector>\n", "", 4, "'timeout' must be a positive duration" },
        { "duplicate-id", Head + "<collector a>\n  module noop\n</collector>\n<collector a>\n  module noop\n</collector>\n", "", 5, "collector 'a' is defined more than once (first at" },
        { "no-collectors", Head + "pid_dir /tmp\n", "", 0, "No collectors defined" },
        { "unknown-global", Head + "colour blue\n<collector a>\n  module noop\n</collector>\n", "", 2, "unknown key 'colour': no collector module accepts it" },
        { "archive-retention", Head + "<archive>\n  retain_raw 30d\n  retain_1h 7d\n</archive>\n<collector a>\n  module noop\n</collector>\n", "", 4, "archive 'retain_1h' (7d) is shorter than 'retain_raw' (30d)" },
        { "archive-bad-retain", Head + "<archive>\n  retain_1d someday\n</archive>\n<collector a>\n  module noop\n</collector>\n", "", 3, "archive 'retain_1d' must be a duration" },
        { "archive-type", Head + "<archive>\n  type mongodb\n</archive>\n<collector a>\n  module noop\n</collector>\n", "", 3, "archive type 'mongodb' is not supported (known: postgres, postgresql, sqlite)" },
        { "error-in-include", Head + "<<include inc/*.conf>>\n", "inc/bad.conf", 3, "unknown key 'emitt'" },
        { "missing-include", Head + "<<include nothere.conf>>\n<collector a>\n  module noop\n</collector>\n", "", 2, "" },
        { "script-no-command", Head + "<collector s>\n  module script\n  command ./nothere.sh\n</collector>\n", "", 4, "'command' " },
        { "script-bad-quote", Head + "<collector s>\n  module script\n  command /bin/true\n  arguments \"unterminated\n</collector>\n", "", 5, "'arguments'" },
        { "noop-bad-bool", Head + "<collector a>\n  module noop\n  emit maybe\n</collector>\n", "", 4, "'emit' must be yes or no" },
        { "bad-shutdown-timeout", Head + "shutdown_timeout forever\n<collector a>\n  module noop\n</collector>\n", "", 2, "'shutdown_timeout' must be a positive duration" },
        { "two-modules", Head + "<collector a>\n  module noop\n  module host\n</collector>\n", "", 3, "'module' is given 2 times" },
        { "host-bad-pattern", Head + "<collector h>\n  module host\n  interfaces [eth]\n</collector>\n", "", 4, "'interfaces'" },
        { "tiny-interval", "collection_interval 0.0001ms\n<collector a>\n  module noop\n</collector>\n", "", 1, "'collection_interval' must be at least 100 ms, not '0.0001ms'" },
        { "tiny-block-interval", Head + "<collector a>\n  module noop\n  collection_interval 20ms\n</collector>\n", "", 4, "'collection_interval' must be at least 100 ms" },
        { "tiny-timeout", Head + "<collector a>\n  module noop\n  timeout 1ms\n</collector>\n", "", 4, "'timeout' must be at least 10 ms" },
        { "tiny-probe-timeout", Head + "<collector p>\n  module ping\n  target 127.0.0.1\n  probe_timeout 0.001\n</collector>\n", "", 5, "'probe_timeout' must be at least 10 ms" },
        { "user-without-group", Head + "user nobody\n<collector a>\n  module noop\n</collector>\n", "", 2, "'user' is set without 'group'" },
        { "include-dev-zero", Head + "<<include /dev/zero>>\n<collector a>\n  module noop\n</collector>\n", "", 2, "\"/dev/zero\" is a character device, not a regular file" },
        { "api-block", Head + "<collector a>\n  module noop\n</collector>\n<api>\n  port 8080\n</api>\n", "", 6, "unknown key 'port' in <api> (known: enabled, listen, token_file, certificate, key, max_points)" },
        { "lookup-block", Head + "<collector a>\n  module noop\n</collector>\n<lookup>\n  server x\n</lookup>\n", "", 6, "unknown key 'server' in <lookup> (known: enabled, url, hints_url, hints_file, ttl, check_interval," },
        { "nosuch-block", Head + "<collector a>\n  module noop\n</collector>\n<nosuch>\n</nosuch>\n", "", 5, "unknown block <nosuch> (known blocks: api, archive, collector, lookup, mmv)" },
        { "include-directory", Head + "<<include inc>>\n<collector a>\n  module noop\n</collector>\n", "", 2, "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Check_MalformedConfig_ExitsTwoNamingFileAndLine(string name, string text, string faultFile, int line, string fragment)
    {
        using var dir = new TempDir();
        var main = dir.Write($"{name}.conf", text);
        dir.Write("inc/bad.conf", "<collector b>\n  module noop\n  emitt yes\n</collector>\n");
        var fault = faultFile.Length == 0 ? main : dir.File(faultFile);

        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={main}"]);

        Assert.True(code == 2, $"{name}: exit {code}\n{output}");
        var where = line > 0 ? $"{fault}:{line}: " : $"{fault}: ";
        Assert.Contains(where + fragment, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal); // never a stack trace
    }

    [Fact]
    public async Task Check_SeveralMistakes_AllReportedAtOnce()
    {
        using var dir = new TempDir();
        var main = dir.Write("many.conf", Head + "<collector a>\n  module noop\n  emitt yes\n</collector>\n<collector b>\n  module nope\n</collector>\n<collector c>\n  module noop\n  schedule never\n</collector>\n");
        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={main}"]);
        Assert.Equal(2, code);
        Assert.Contains($"{main}:4: unknown key 'emitt'", output, StringComparison.Ordinal);
        Assert.Contains($"{main}:7: unknown module 'nope'", output, StringComparison.Ordinal);
        Assert.Contains($"{main}:11: 'schedule' must be one of", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_SeveralMistakesInOneModuleBlock_AllReported()
    {
        using var dir = new TempDir();
        var main = dir.Write("ping.conf", Head + "<collector p>\n  module ping\n  target 127.0.0.1\n  size 70000\n  ttl 300\n</collector>\n");
        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={main}"]);
        Assert.Equal(2, code);
        Assert.Contains($"{main}:5: 'size' must be between 0 and", output, StringComparison.Ordinal);
        Assert.Contains($"{main}:6: 'ttl' must be between 1 and 255", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ValidConfig_PrintsSummaryExitsZero()
    {
        using var dir = new TempDir();
        var main = Configs.Write(dir, Configs.Noop("alpha", interval: "2", extra: "schedule aligned"));
        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={main}"]);
        Assert.Equal(0, code);
        Assert.Contains($"{main}: OK, 1 collector(s)", output, StringComparison.Ordinal);
        Assert.Matches(@"alpha\s+module noop\s+every\s+2 s\s+timeout\s+2 s\s+schedule aligned\s+isolation thread", output);
        Assert.Contains("retain:   raw forever, 1m forever, 1h forever, 1d forever", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Retention_SummaryShowsEachResolution()
    {
        using var dir = new TempDir();
        var main = dir.Write("r.conf", Head + "<archive>\n  path a.db\n  retain_raw 30d\n  retain_1m 26w\n  retain_1h 5y\n</archive>\n<collector a>\n  module noop\n</collector>\n");
        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={main}"]);
        Assert.True(code == 0, output);
        Assert.Contains("retain:   raw 30d, 1m 182d, 1h 1825d, 1d forever", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingConfigFile_ExitsTwoWithMessage()
    {
        var (code, output) = await DaemonProcess.RunAsync(["--foreground", "--config=/nonexistent/fathom.conf"]);
        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/fathom.conf: configuration file not found", output, StringComparison.Ordinal);
    }
}

using static Fathom.Core.Tests.Configuration.DaemonConfigLoaderSupport;

namespace Fathom.Core.Tests.Configuration;

public sealed class DaemonConfigLoaderFingerprintTests
{
    private const string Base = """
        collection_interval 10
        <collector a>
            module script
            command /bin/true
            format influx
        </collector>
        """;

    [Fact]
    public void Fingerprint_SameBlock_Equal()
    {
        Assert.Equal(Fingerprint(Base), Fingerprint(Base));
    }

    [Fact]
    public void Fingerprint_SameBlockMovedAndReordered_Equal()
    {
        var moved = """
            # a comment moves every line down


            collection_interval 10
            <collector a>
                format influx
                command /bin/true
                module script
            </collector>
            """;

        Assert.Equal(Fingerprint(Base), Fingerprint(moved));
    }

    [Theory]
    [InlineData("command /bin/true", "command /bin/false")]
    [InlineData("format influx", "format status")]
    [InlineData("format influx", "format influx\n    timeout 3")]
    [InlineData("collection_interval 10", "collection_interval 11")]
    [InlineData("module script", "module script\n    isolation process")]
    public void Fingerprint_ValueChanges_Differs(string from, string to)
    {
        Assert.NotEqual(Fingerprint(Base), Fingerprint(Base.Replace(from, to, StringComparison.Ordinal)));
    }

    [Fact]
    public void Fingerprint_GlobalThatTheModuleAccepts_ChangesIt()
    {
        var withGlobal = "format status\n" + Base.Replace("    format influx\n", "", StringComparison.Ordinal);
        var withOther = "format influx\n" + Base.Replace("    format influx\n", "", StringComparison.Ordinal);

        Assert.NotEqual(Fingerprint(withGlobal), Fingerprint(withOther));
        Assert.Equal(Fingerprint(Base), Fingerprint(withOther));
    }

    [Fact]
    public void Fingerprint_RepeatedValues_OrderMatters()
    {
        static string Disks(string a, string b) => $"""
            collection_interval 10
            <collector h>
                module host
                disks {a}
                disks {b}
            </collector>
            """;

        Assert.NotEqual(Fingerprint(Disks("sda", "sdb"), "h"), Fingerprint(Disks("sdb", "sda"), "h"));
    }

    [Fact]
    public void Fingerprint_ValuesThatConcatenateAlike_Differ()
    {
        static string Disks(params string[] values) =>
            "collection_interval 10\n<collector h>\n    module host\n" + string.Concat(values.Select(v => $"    disks {v}\n")) + "</collector>\n";

        Assert.NotEqual(Fingerprint(Disks("ab", "c"), "h"), Fingerprint(Disks("a", "bc"), "h"));
    }

    private static string Fingerprint(string text, string id = "a") => Load(text).Collector(id).Fingerprint;
}

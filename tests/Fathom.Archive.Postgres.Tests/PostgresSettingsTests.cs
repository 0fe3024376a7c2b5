using Fathom.Core.Storage;
using static Fathom.Archive.Postgres.Tests.PgTest;

namespace Fathom.Archive.Postgres.Tests;

public sealed class PostgresSettingsTests
{
    private const string File = "/etc/fathom/fathom.conf";
    private const string Good = "    connection \"Host=db.example;Port=5433;Database=fathom;Username=agent\"\n";

    [Theory]
    [InlineData("    connection \"Host=db;Database=fathom;Nonsense\"\n", "not a valid connection string")]
    [InlineData("    connection \"Host=db;Database=fathom;Username=agent;Password=hunter2\"\n", "must not hold the password")]
    [InlineData("    connection \"Database=fathom\"\n", "names no Host")]
    [InlineData("    connection \"Host=db\"\n", "names no Database")]
    [InlineData(Good + "    colour blue\n", "unknown archive key 'colour'")]
    [InlineData(Good + "    retain_raw often\n", "retain_raw")]
    public void Read_BadKey_ErrorAtItsFileAndLine(string keys, string problem)
    {
        Assert.Null(Read(keys, out var errors, File));

        var error = Assert.Single(errors);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{File}:", error.Message, StringComparison.Ordinal);
        Assert.True(error.Location?.Line >= 3, error.Message);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db;Database=fathom", 32)]
    [InlineData("Host=db;Database=fathom;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=fathom;maxautoprepare=5", 5)]
    public void DataSource_AutoPrepare_OnUnlessTheConnectionSetsIt(string connection, int expected)
    {
        using var source = PostgresDataSources.Create(Settings(connection), pooling: false);

        Assert.Equal(expected, new Npgsql.NpgsqlConnectionStringBuilder(source.ConnectionString).MaxAutoPrepare);
    }

    [Fact]
    public void Read_NoConnection_ErrorAtTheBlock()
    {
        Assert.Null(Read("    host a\n", out var errors, File));

        Assert.Contains($"{File}:1: archive type postgresql needs a 'connection'", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DeliveryKeys_TakenByTheCatalogAMisspeltOneIsAnErrorAtItsLine()
    {
        var options = Assert.IsType<PostgresArchiveSettings>(Read(Good + "    spool_max_bytes 1G\n    retry_policy \"5 x 1s\"\n", out var errors, File));
        Assert.Empty(errors);
        Assert.DoesNotContain("spool_max_bytes", options.Options.Keys);

        Assert.Null(Read(Good + "    spool_max_byte 1G\n", out errors, File));
        var error = Assert.Single(errors);
        Assert.StartsWith($"{File}:", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown archive key 'spool_max_byte'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Defaults_HostIsTheMachineAndTargetIsAUrl()
    {
        var options = Assert.IsType<PostgresArchiveSettings>(Read(Good, out _, File));

        Assert.Equal(System.Net.Dns.GetHostName(), options.Host);
        Assert.Equal("postgresql://agent@db.example:5433/fathom", options.Target);
        Assert.Contains(options.Summary, kv => kv.Value == "postgresql postgresql://agent@db.example:5433/fathom");
    }

    [Fact]
    public void Check_MissingPasswordFile_ErrorAtItsLine()
    {
        var options = Read(Good + "    password_file /nonexistent/fathom-password\n", out var errors, File)!;
        Assert.Empty(errors);

        var problem = Assert.Single(Catalog.Check(options));

        Assert.Equal($"{File}:4: archive password_file /nonexistent/fathom-password does not exist", problem.Message);
    }

    [Fact]
    public void Check_ReadablePasswordFile_NoProblem()
    {
        var file = Path.GetTempFileName();
        try
        {
            System.IO.File.WriteAllText(file, "s3cret-pw\nignored\n");
            var options = Read(Good + $"    password_file {file}\n", out _, File)!;

            Assert.Empty(Catalog.Check(options));
            Assert.DoesNotContain("s3cret-pw", string.Join(" ", options.Summary.Select(kv => kv.Value)) + options.Target, StringComparison.Ordinal);
        }
        finally
        {
            System.IO.File.Delete(file);
        }
    }

    [Theory]
    [InlineData("postgresql://fathom@db.example:5433/metrics", "postgresql://fathom@db.example:5433/metrics")]
    [InlineData("postgres://db.example/metrics", "postgresql://db.example:5432/metrics")]
    public void Resolve_Url_PostgresSettings(string url, string target)
    {
        var options = Assert.IsType<PostgresArchiveSettings>(Catalog.Resolve(url));

        Assert.Equal(target, options.Target);
    }

    [Theory]
    [InlineData("postgresql://fathom:hunter2@db.example:5433/metrics")]
    [InlineData("postgresql://db.example:5433/")]
    public void Resolve_BadUrl_ArchiveExceptionWithoutThePassword(string url)
    {
        var error = Assert.Throws<ArchiveException>(() => Catalog.Resolve(url));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("postgresql://user@host:port/database", error.Message, StringComparison.Ordinal);
    }
}

using Fathom.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Archive.Tests;

public sealed class SqliteArchiveStateTests
{
    [Fact]
    public async Task OpenState_BesideWriter_ValuesKeptAcrossReopenAndCheckClean()
    {
        using var folder = new TempFolder();
        var backend = new SqliteArchiveBackend();
        var options = backend.ForLocation(folder.File("a.db"));
        using (var writer = backend.OpenWriter(options, new ArchiveOpenContext(NullLogger.Instance, TimeProvider.System)))
        {
            using (var state = backend.OpenState(options))
            {
                state.Set("lookup/client-uuid", "u1");
                state.Set("lookup/record/a host", "x");
                state.Set("lookup/record/a gone", "y");
                state.Set("lookup/record/a gone", null);
                state.Set("other", "z");
            }

            await writer.WriteAsync(new[] { Data.Point(Data.Key("rtt"), Data.T0, 1.5) }, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

            using var again = backend.OpenState(options);
            Assert.Equal("u1", again.Get("lookup/client-uuid"));
            Assert.Null(again.Get("missing"));
            Assert.Equal(new Dictionary<string, string> { ["lookup/record/a host"] = "x" }, again.List("lookup/record/"));
        }

        using var reader = backend.OpenReader(options);
        Assert.Empty(reader.Check().Problems);
    }

    [Fact]
    public void OpenState_NoArchiveYet_ArchiveException()
    {
        using var folder = new TempFolder();
        var backend = new SqliteArchiveBackend();
        var options = backend.ForLocation(folder.File("none.db"));

        Assert.Throws<ArchiveException>(() => backend.OpenState(options));
    }
}

using static Fathom.Archive.Postgres.Tests.PgTest;

namespace Fathom.Archive.Postgres.Tests;

public sealed class PostgresArchiveStateTests
{
    [Fact]
    public async Task State_TwoHosts_EachSeesItsOwnValuesAcrossReopens()
    {
        var db = await DatabaseAsync();
        var a = Settings(db, "agent-a");
        var b = Settings(db, "agent-b");
        using (var state = Catalog.OpenState(a))
        {
            state.Set("lookup.client-uuid", "uuid-a");
            state.Set("lookup.record.1", "r1");
            state.Set("other", "x");
            state.Set("other", null);
        }

        using (var state = Catalog.OpenState(b))
        {
            Assert.Null(state.Get("lookup.client-uuid"));
            state.Set("lookup.client-uuid", "uuid-b");
        }

        using var again = Catalog.OpenState(a);
        Assert.Equal("uuid-a", again.Get("lookup.client-uuid"));
        Assert.Null(again.Get("other"));
        Assert.Equal(new Dictionary<string, string> { ["lookup.client-uuid"] = "uuid-a", ["lookup.record.1"] = "r1" }, again.List("lookup."));
    }
}

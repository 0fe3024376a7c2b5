using System.Text.Json;
using Fathom.Core.Measurements;
using static Fathom.Cli.Tests.CliHarness;

namespace Fathom.Cli.Tests;

public sealed class EventsCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public EventsCommandTests() =>
        _cli.WriteAll(
            Event("trace.path", NowNs - (10 * Second), """{ "hops": [ { "ip": "10.0.0.1", "rtt": 1.5 }, { "ip": "10.0.0.2", "rtt": 2 } ] }""", ("collector", "tr1"), ("target", "a")),
            Event("trace.path", NowNs - (5 * Second), """{"hops":[]}""", ("collector", "tr1"), ("target", "b")),
            Event("http.error", NowNs - (7200 * Second), """{"reason":"timeout"}""", ("target", "a")),
            Event("http.error", NowNs, "\"refused\"", ("target", "a")));

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Run_TableFormat_ShowsTimeNameTagsAndCompactJsonOfTheLastHour()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("events"));

        Assert.Equal(
            """
            TIME                  NAME        TAGS                    DATA
            2026-11-21T09:59:50Z  trace.path  collector=tr1,target=a  {"hops":[{"ip":"10.0.0.1","rtt":1.5},{"ip":"10.0.0.2","rtt":2}]}
            2026-11-21T09:59:55Z  trace.path  collector=tr1,target=b  {"hops":[]}
            2026-11-21T10:00:00Z  http.error  target=a                "refused"

            """,
            _cli.Console.OutText);
        Assert.Empty(_cli.Console.ErrorText);
    }

    [Fact]
    public void Run_JsonFormat_EmbedsTheEventJsonAsAValue()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("events", "--name", "trace.path", "--format", "json"));

        using var json = JsonDocument.Parse(_cli.Console.OutText);
        var events = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, events.Length);
        Assert.Equal(["time", "name", "tags", "data"], events[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-11-21T09:59:50Z", events[0].GetProperty("time").GetString());
        Assert.Equal("tr1", events[0].GetProperty("tags").GetProperty("collector").GetString());
        var data = events[0].GetProperty("data");
        Assert.Equal(JsonValueKind.Object, data.ValueKind);
        Assert.Equal("10.0.0.2", data.GetProperty("hops")[1].GetProperty("ip").GetString());
        Assert.Equal(2, data.GetProperty("hops")[1].GetProperty("rtt").GetDouble());
        Assert.Equal(0, events[1].GetProperty("data").GetProperty("hops").GetArrayLength());
    }

    [Fact]
    public void Run_TagFilterAndWiderRange_CsvQuotesTheJson()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("events", "--tag", "target=a", "--from", "-3h", "--format", "csv"));

        Assert.Equal(
            """"
            time,name,tags,data
            2026-11-21T08:00:00Z,http.error,target=a,"{""reason"":""timeout""}"
            2026-11-21T09:59:50Z,trace.path,"collector=tr1,target=a","{""hops"":[{""ip"":""10.0.0.1"",""rtt"":1.5},{""ip"":""10.0.0.2"",""rtt"":2}]}"
            2026-11-21T10:00:00Z,http.error,target=a,"""refused"""

            """",
            _cli.Console.OutText);
    }

    [Fact]
    public void Run_NameAndTagsTogether_KeepEventsMatchingAll()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("events", "--name", "trace.path", "--tag", "target=b", "--tag", "collector=tr1", "--format", "csv"));

        Assert.Equal("time,name,tags,data\n2026-11-21T09:59:55Z,trace.path,\"collector=tr1,target=b\",\"{\"\"hops\"\":[]}\"\n", _cli.Console.OutText);
    }

    [Fact]
    public void Run_StoredTextIsNotJson_JsonOutputCarriesItAsAString()
    {
        _cli.WriteAll(Event("script.output", NowNs - Second, "not json {"));

        Assert.Equal(ExitCodes.Ok, _cli.Run("events", "--name", "script.output", "--format", "json"));

        using var json = JsonDocument.Parse(_cli.Console.OutText);
        Assert.Equal("not json {", json.RootElement[0].GetProperty("data").GetString());
    }

    [Theory]
    [InlineData(new[] { "events", "--from", "last week" }, "--from: 'last week' is not a time: use RFC 3339 or -1h")]
    [InlineData(new[] { "events", "--tag", "target" }, "--tag: 'target' is not key=value")]
    [InlineData(new[] { "events", "--format", "yaml" }, "--format: 'yaml' is not one of table, json, csv")]
    [InlineData(new[] { "events", "--name", "" }, "--name: the event name is empty")]
    [InlineData(new[] { "events", "--to", "-2h" }, "--from (2026-11-21T09:00:00Z) is after --to (2026-11-21T08:00:00Z)")]
    public void Run_BadInput_PrintsOneLineAndExitsWithUsage(string[] args, string message)
    {
        Assert.Equal(ExitCodes.Usage, _cli.Run(args));

        Assert.Equal($"fathom: {message}\n", _cli.Console.ErrorText);
        Assert.Empty(_cli.Console.OutText);
    }

    [Fact]
    public void Run_MissingArchive_ExitsWithUsage()
    {
        var missing = Path.Combine(_cli.Folder, "none.db");

        Assert.Equal(ExitCodes.Usage, _cli.Run("events", "--archive", missing));

        Assert.Equal($"fathom: no archive at {missing}\n", _cli.Console.ErrorText);
    }

    private static Measurement Event(string name, long timeNs, string json, params (string Key, string Value)[] tags) =>
        Measurement.Of(new EventRecord(name, [.. tags.Select(t => new KeyValuePair<string, string>(t.Key, t.Value))], timeNs, json));
}

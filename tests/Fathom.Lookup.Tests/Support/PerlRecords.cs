using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Fathom.Lookup.Records;

namespace Fathom.Lookup.Tests.Support;

/// <summary>
/// Builds a record with perfSONAR's own SimpleLookupService::Records::Network::Host or ::Service
/// (init with named parameters, then addField for the rest) and returns its toJson, so the
/// records Fathom builds can be compared with what the reference library makes from the same values.
/// </summary>
internal static class PerlRecords
{
    private const string Script = """
        use strict; use warnings;
        use JSON;
        use SimpleLookupService::Records::Network::Host;
        use SimpleLookupService::Records::Network::Service;
        local $/; my $in = decode_json(<STDIN>);
        my $r = $in->{kind} eq 'host' ? SimpleLookupService::Records::Network::Host->new() : SimpleLookupService::Records::Network::Service->new();
        $r->init(%{$in->{init}}) == 0 or die "init failed";
        for my $k (sort keys %{$in->{extra}}) { $r->addField(key => $k, value => $in->{extra}{$k}) == 0 or die "addField $k"; }
        print $r->toJson();
        """;

    /// <summary>The reference library's record from <paramref name="init"/> (Host/Service init parameters) and <paramref name="extra"/> keys.</summary>
    public static LookupRecord Build(string kind, JsonObject init, JsonObject extra)
    {
        var lib = Path.Combine(RepoPaths.SlsConformance, "lib");
        Assert.True(Directory.Exists(lib), $"the perfSONAR sLS library is missing: {lib}");
        var script = Path.Combine(Path.GetTempPath(), $"fathom-perl-record-{Guid.NewGuid():N}.pl");
        File.WriteAllText(script, Script);
        try
        {
            return Run(kind, init, extra, lib, script);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static LookupRecord Run(string kind, JsonObject init, JsonObject extra, string lib, string script)
    {
        var start = new ProcessStartInfo("perl", ["-I", lib, script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var perl = Process.Start(start)!;
        perl.StandardInput.Write(new JsonObject { ["kind"] = kind, ["init"] = init, ["extra"] = extra }.ToJsonString());
        perl.StandardInput.Close();
        var stdout = perl.StandardOutput.ReadToEndAsync();
        var stderr = perl.StandardError.ReadToEndAsync();
        Assert.True(perl.WaitForExit(TimeSpan.FromSeconds(30)), "perl did not finish within 30 s");
        Assert.True(perl.ExitCode == 0, $"perl failed: {stderr.Result}");
        Assert.True(LookupRecordJson.TryParse(Encoding.UTF8.GetBytes(NumbersAsText(stdout.Result)), out var record, out var error), error);
        return record;
    }

    // The Perl library compares latitude and longitude as numbers, so its JSON writes them as numbers (["37.5"] becomes [37.5]); Fathom sends strings.
    private static string NumbersAsText(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        foreach (var (_, value) in root)
        {
            if (value is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number)
                    {
                        array[i] = v.ToJsonString();
                    }
                }
            }
        }

        return root.ToJsonString();
    }
}

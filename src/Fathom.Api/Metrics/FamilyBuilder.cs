using System.Text;

namespace Fathom.Api.Metrics;

/// <summary>
/// Collects the members of one family and formats it: every member gets the family's full label
/// set (a label a member lacks is written empty, which Prometheus reads as absent), and a member
/// whose labels repeat another's is left out (a family never holds one series twice).
/// </summary>
internal sealed class FamilyBuilder(MetricShape shape, string help)
{
    private readonly List<(List<KeyValuePair<string, string>> Labels, object Cell, int Index)> _members = [];

    public MetricShape Shape { get; } = shape;

    /// <summary>Members left out because their labels repeated another's.</summary>
    public int Duplicates { get; private set; }

    /// <summary>Adds a member; label names are sanitized here (a second label of the same sanitized name is dropped).</summary>
    public void Add(IEnumerable<KeyValuePair<string, string>> labels, object cell, int index = 0)
    {
        var clean = new List<KeyValuePair<string, string>>();
        foreach (var (k, v) in labels)
        {
            var name = PromNames.LabelName(k);
            if (!clean.Exists(l => l.Key == name))
            {
                clean.Add(new(name, v));
            }
        }

        _members.Add((clean, cell, index));
    }

    public ExpositionFamily Build()
    {
        var names = _members.SelectMany(m => m.Labels.Select(l => l.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<ExpositionMember>(_members.Count);
        var sample = Shape.SampleName;
        foreach (var (labels, cell, index) in _members)
        {
            var sb = new StringBuilder(sample);
            if (names.Length > 0)
            {
                sb.Append('{');
                for (var i = 0; i < names.Length; i++)
                {
                    sb.Append(i == 0 ? "" : ",").Append(names[i]).Append("=\"");
                    PromNames.AppendLabelValue(sb, labels.Find(l => l.Key == names[i]).Value ?? "");
                    sb.Append('"');
                }

                sb.Append('}');
            }

            var line = sb.Append(' ').ToString();
            if (!seen.Add(line))
            {
                Duplicates++;
                continue;
            }

            members.Add(new ExpositionMember(Encoding.UTF8.GetBytes(line), cell, index, Shape.Multiplier, Shape.Divisor));
        }

        return new ExpositionFamily(Shape, Header(ExpositionFormat.Text), Header(ExpositionFormat.OpenMetrics), [.. members]);
    }

    private byte[] Header(ExpositionFormat format)
    {
        var sb = new StringBuilder();
        if (format == ExpositionFormat.OpenMetrics)
        {
            sb.Append("# TYPE ").Append(Shape.Name).Append(' ').Append(Shape.TypeText).Append('\n');
            if (Shape.Unit is { } unit)
            {
                sb.Append("# UNIT ").Append(Shape.Name).Append(' ').Append(unit).Append('\n');
            }

            sb.Append("# HELP ").Append(Shape.Name).Append(' ').Append(PromNames.EscapeHelp(help, format)).Append('\n');
        }
        else
        {
            var sample = Shape.SampleName;
            sb.Append("# HELP ").Append(sample).Append(' ').Append(PromNames.EscapeHelp(help, format)).Append('\n');
            sb.Append("# TYPE ").Append(sample).Append(' ').Append(Shape.TypeText).Append('\n');
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}

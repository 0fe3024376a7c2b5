namespace Fathom.Cli;

/// <summary>Collects rows and writes them as space-aligned columns under a header.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [headers];
    private readonly HashSet<int> _rightAligned = [];

    public TextTable AlignRight(int column)
    {
        _rightAligned.Add(column);
        return this;
    }

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter writer)
    {
        var widths = new int[headers.Length];
        foreach (var row in _rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        foreach (var row in _rows)
        {
            var line = string.Join("  ", row.Select((cell, c) => _rightAligned.Contains(c) ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c])));
            writer.WriteLine(line.TrimEnd());
        }
    }
}

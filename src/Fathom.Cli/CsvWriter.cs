namespace Fathom.Cli;

/// <summary>Writes RFC 4180 quoting (fields with commas, quotes or line breaks quoted, quotes doubled) with Unix line ends.</summary>
internal sealed class CsvWriter(TextWriter writer)
{
    public void WriteRow(params string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            writer.Write(Quote(fields[i]));
        }

        writer.Write('\n');
    }

    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

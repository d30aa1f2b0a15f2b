using System.Text;
using System.Text.Json.Nodes;
using GenieCanvas.DatabricksEmulator.Fixture;
using GenieCanvas.DatabricksEmulator.Sql;

namespace GenieCanvas.DatabricksEmulator.Genie;

/// <summary>A question the emulated Genie can answer, the SQL it "writes" for it, and the tables that SQL reads.</summary>
public sealed record Answer(string Question, string Title, string Description, string Sql, IReadOnlyList<string> Tables);

/// <summary>
/// What the emulated Genie knows (Fixture/answers.json, plus a created space's own example SQL): a space answers a
/// question when the question matches (ignoring case and punctuation) and the space holds every table its SQL reads.
/// </summary>
public sealed class AnswerBook
{
    private readonly IReadOnlyList<Answer> _answers;
    private readonly DemoWarehouse _warehouse;

    private AnswerBook(IReadOnlyList<Answer> answers, DemoWarehouse warehouse)
    {
        _answers = answers;
        _warehouse = warehouse;
    }

    public IReadOnlyList<Answer> Answers => _answers;

    public static AnswerBook LoadEmbedded(DemoWarehouse warehouse)
    {
        using var stream = typeof(AnswerBook).Assembly.GetManifestResourceStream("GenieCanvas.DatabricksEmulator.Fixture.answers.json")
            ?? throw new InvalidOperationException("The embedded Fixture/answers.json is missing from the build.");
        var root = JsonNode.Parse(stream) ?? throw new InvalidDataException("Fixture/answers.json is empty.");
        var answers = (root["answers"]?.AsArray() ?? throw new InvalidDataException("Fixture/answers.json has no \"answers\" array."))
            .Select(a => a!.AsObject())
            .Select(a =>
            {
                var sql = a["sql"]!.GetValue<string>();
                var tables = warehouse.TablesIn(sql);
                if (tables.Count == 0)
                {
                    throw new InvalidDataException($"The answer to '{a["question"]}' reads no demo table.");
                }
                return new Answer(a["question"]!.GetValue<string>(), a["title"]!.GetValue<string>(),
                    a["description"]!.GetValue<string>(), sql, tables);
            })
            .ToList();
        return new AnswerBook(answers, warehouse);
    }

    /// <summary>The answer to <paramref name="question"/> in this space, or null (Genie would ask to clarify).</summary>
    public Answer? Find(FixtureSpace space, string question)
    {
        var key = Normalize(question);
        return AnswerableIn(space).FirstOrDefault(a => Normalize(a.Question) == key);
    }

    /// <summary>Every question this space can answer: its author's examples, then the known ones its tables cover.</summary>
    public IEnumerable<Answer> AnswerableIn(FixtureSpace space)
    {
        foreach (var example in space.ExampleSqls)
        {
            yield return new Answer(example.Question, example.Question, "An example answer written by the space's author.",
                example.Sql, _warehouse.TablesIn(example.Sql));
        }
        var tables = new HashSet<string>(space.TableIdentifiers, StringComparer.OrdinalIgnoreCase);
        foreach (var answer in _answers.Where(a => a.Tables.All(tables.Contains)))
        {
            yield return answer;
        }
    }

    /// <summary>Lower case, letters and digits only, single spaces: "What is X?" matches "what is x".</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }
        return builder.ToString().TrimEnd();
    }
}

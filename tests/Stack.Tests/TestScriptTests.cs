using GenieCanvas.Testing;

namespace GenieCanvas.Stack.Tests;

/// <summary>
/// ./test.sh's own checks: its closing "N passed, N failed, N skipped" line counts the Vitest tests and the xunit
/// ones, also from a TRX file without a Counters element (a crashed run); every shell script passes shellcheck.
/// </summary>
public sealed class TestScriptTests : IDisposable
{
    private readonly string _reports = Directory.CreateTempSubdirectory("test-sh-summary-").FullName;

    public void Dispose() => Directory.Delete(_reports, recursive: true);

    [Fact]
    public async Task TheClosingLineCountsVitestAndEveryTrxAlsoOneWithoutCounters()
    {
        await File.WriteAllTextAsync(Path.Combine(_reports, "vitest.json"),
            """{"numTotalTests":9,"numPassedTests":6,"numFailedTests":0,"numPendingTests":2,"numTodoTests":1,"success":true}""");
        await File.WriteAllTextAsync(Path.Combine(_reports, "complete.trx"), Trx(
            """<Counters total="5" executed="3" passed="3" failed="0" error="0" timeout="0" aborted="0" notExecuted="2" />""",
            "Passed", "Passed", "Passed", "NotExecuted", "NotExecuted"));
        // A test host that crashed: results, but no ResultSummary/Counters.
        await File.WriteAllTextAsync(Path.Combine(_reports, "crashed.trx"), Trx(counters: "", "Passed", "Failed", "Passed", "NotExecuted"));

        var (exitCode, output) = await RunAsync("--summary", _reports);

        Assert.Contains("11 passed, 1 failed, 6 skipped", output, StringComparison.Ordinal);
        Assert.Contains("crashed.trx has no Counters element", output, StringComparison.Ordinal);
        // The failed test by name, above the closing line, where a CI log's tail still shows it.
        Assert.Contains("FAILED Test1", output, StringComparison.Ordinal);
        Assert.True(output.IndexOf("FAILED Test1", StringComparison.Ordinal) < output.IndexOf("11 passed", StringComparison.Ordinal), output);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public async Task AllPassedExitsZeroAndAMissingVitestReportIsAFailure()
    {
        await File.WriteAllTextAsync(Path.Combine(_reports, "suite.trx"), Trx(
            """<Counters total="2" executed="2" passed="2" failed="0" notExecuted="0" />""", "Passed", "Passed"));

        var (withoutVitest, output) = await RunAsync("--summary", _reports);
        Assert.Contains("2 passed, 1 failed, 0 skipped", output, StringComparison.Ordinal);
        Assert.Contains("Vitest wrote no report", output, StringComparison.Ordinal);
        Assert.Equal(1, withoutVitest);

        await File.WriteAllTextAsync(Path.Combine(_reports, "vitest.json"),
            """{"numPassedTests":4,"numFailedTests":0,"numPendingTests":0,"numTodoTests":0}""");
        var (allPassed, summary) = await RunAsync("--summary", _reports);
        Assert.Contains("6 passed, 0 failed, 0 skipped", summary, StringComparison.Ordinal);
        Assert.Equal(0, allPassed);
    }

    [Fact]
    public async Task EveryShellScriptPassesShellcheck()
    {
        var (exitCode, output) = await RunAsync("--shellcheck");

        Assert.True(exitCode == 0, output);
        // start.sh, its parts, test.sh, .ci/run, install-prereqs and the bench scripts at least.
        var clean = System.Text.RegularExpressions.Regex.Match(output, @"shellcheck: (\d+) scripts, clean");
        Assert.True(clean.Success, output);
        Assert.True(int.Parse(clean.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 12, output);
    }

    private static string Trx(string counters, params string[] outcomes) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <Results>
        {string.Concat(outcomes.Select((o, i) => $"    <UnitTestResult executionId=\"e{i}\" testId=\"t{i}\" testName=\"Test{i}\" duration=\"00:00:00.01\" outcome=\"{o}\" />\n"))}  </Results>
          <ResultSummary outcome="Completed">
            {counters}
          </ResultSummary>
        </TestRun>
        """;

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        await using var run = ServiceProcess.Start("test.sh", Path.Combine(RepoPaths.Root, "test.sh"), arguments);
        Assert.True(await run.WaitForExitAsync(TimeSpan.FromSeconds(60)), "test.sh did not finish:\n" + run.Output);
        return (run.ExitCode, run.Output);
    }
}

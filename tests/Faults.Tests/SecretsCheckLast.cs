namespace GenieCanvas.Faults.Tests;

/// <summary>
/// Runs the scenario collections in name order and <see cref="SecretsTests"/> after all of them, so its check covers
/// the output and replies of every process the suite started.
/// </summary>
public sealed class SecretsCheckLast : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(c => c.DisplayName.Contains(nameof(SecretsTests), StringComparison.Ordinal))
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}

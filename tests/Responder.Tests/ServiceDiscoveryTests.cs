namespace GenieCanvas.Responder.Tests;

[Collection(ResponderCollection.Name)]
public sealed class ServiceDiscoveryTests(ResponderFixture fixture)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Srv_ping_genie_answers_with_the_service_name_and_version()
    {
        var replies = await fixture.Stack.Bus.RequestManyAsync(GenieSubjects.Ping, Window);

        var ping = Assert.Single(replies);
        Assert.Equal("genie", ping.GetProperty("name").GetString());
        Assert.Equal("io.nats.micro.v1.ping_response", ping.GetProperty("type").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", ping.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Srv_info_genie_lists_ask_create_get_and_list_in_queue_group_genie()
    {
        var replies = await fixture.Stack.Bus.RequestManyAsync(GenieSubjects.Info, Window);

        var info = Assert.Single(replies);
        Assert.Equal("genie", info.GetProperty("name").GetString());
        var endpoints = info.GetProperty("endpoints").EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e);
        Assert.Equal(["ask", "create", "get", "list"], endpoints.Keys.Order());
        Assert.Equal(GenieSubjects.Get, endpoints["get"].GetProperty("subject").GetString());
        Assert.Equal(GenieSubjects.List, endpoints["list"].GetProperty("subject").GetString());
        Assert.Equal(GenieSubjects.Create, endpoints["create"].GetProperty("subject").GetString());
        Assert.All(endpoints.Values, e => Assert.Equal(GenieSubjects.QueueGroup, e.GetProperty("queue_group").GetString()));
    }
}

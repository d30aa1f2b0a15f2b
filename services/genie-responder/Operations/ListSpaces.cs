using System.Text;
using System.Text.Json.Nodes;
using GenieCanvas.Contracts;
using GenieCanvas.Responder.Bus;
using GenieCanvas.Responder.Databricks;

namespace GenieCanvas.Responder.Operations;

/// <summary>
/// <c>genie.list</c>: <c>{}</c> or <c>{"page_size", "page_token"}</c> → one page of <c>GET /api/2.0/genie/spaces</c>.
/// The smallest operation: read the contract record, validate, call Databricks, build the reply.
/// </summary>
public sealed class ListSpaces(DatabricksClient databricks) : IBusOperation
{
    private const string Example = "{} or {\"page_size\": 50, \"page_token\": \"...\"}";

    public BusEndpoint Endpoint { get; } = new(GenieSubjects.ServiceName, GenieSubjects.ListEndpoint, GenieSubjects.List);

    public async Task<Outcome> HandleAsync(BusRequest request)
    {
        request.Describe(DatabricksClient.SpaceList, "-");
        var list = new ListSpacesRequest();
        if (!request.Body.Span.Trim(" \t\r\n"u8).IsEmpty // an empty body is {}
            && !BusJson.TryRead(request.Body.Span, GenieJsonContext.Default.ListSpacesRequest, Example, out list, out var problem))
        {
            return Outcome.Invalid(problem);
        }
        if (list!.PageSize is < 1 or > ListSpacesRequest.MaxPageSize)
        {
            return Outcome.Invalid($"page_size must be a whole number from 1 to {ListSpacesRequest.MaxPageSize}.");
        }
        if (list.PageToken is not null && !ListSpacesRequest.IsValidPageToken(list.PageToken))
        {
            return Outcome.Invalid($"page_token must be a string of at most {ListSpacesRequest.MaxPageTokenLength} characters of letters, digits and -_.=+/:~%.");
        }

        var (page, status) = await databricks.ListSpacesAsync(list.PageSize, list.PageToken, request.Deadline);
        // Unknown fields of each item pass through; a missing list is an empty one.
        page["spaces"] ??= new JsonArray();
        return Outcome.Ok(Encoding.UTF8.GetBytes(page.ToJsonString()), status);
    }
}

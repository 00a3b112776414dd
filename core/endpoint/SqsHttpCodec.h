#pragma once

#include "HttpRequest.h"
#include "HttpResponse.h"
#include "SqsApi.h"

namespace flowlab {

/// Between HTTP and the engine's ApiRequest/ApiResponse: picks the wire protocol of a
/// request (spec §6.1: `X-Amz-Target` or an `application/x-amz-json-*` Content-Type →
/// JSON, anything else → Query), decodes it, and encodes the answer in the same protocol.
class SqsHttpCodec
{
public:
    static WireProtocol detectProtocol(const HttpRequest &request);

    /// Fills `out` as far as the request allows (protocol, host, access key and region
    /// always; action whenever it could be read), so that an error can be answered in the
    /// right protocol. Errors: MissingAction, InvalidAction ("The action X is not valid for
    /// this endpoint." — for an action outside supportedSqsActions(), in both protocols,
    /// HTTP 400), InvalidParameterValue (bad JSON, a bad integer), MissingParameter.
    static SqsError decode(const HttpRequest &request, ApiRequest *out);

    /// 200 with the result (JSON body, or the Query XML), or the error in the protocol's
    /// shape with sqsErrorInfo(code).httpStatus. Always carries x-amzn-RequestId.
    static HttpResponse encode(const ApiRequest &request,
                               const ApiResponse &response,
                               const QString &requestId);
    static HttpResponse encodeError(WireProtocol protocol,
                                    const SqsError &error,
                                    const QString &requestId);
};

} // namespace flowlab

package org.openbanking.common;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;

/**
 * Renders every failure in the contract's envelope. Messages are written here, never copied from an exception, so
 * nothing internal (SQL, class names, hosts) reaches a caller.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e, RoutingContext rc) {
        Response.ResponseBuilder builder = envelope(e.status(), e.getMessage(), e.errors(), rc);
        if (e.retryAfterSeconds() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, RoutingContext rc) {
        return badJson(null, "The body is not well-formed JSON", rc);
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, RoutingContext rc) {
        return badJson(e, "A field has the wrong type or shape", rc);
    }

    @ServerExceptionMapper
    public Response wrongFormat(InvalidFormatException e, RoutingContext rc) {
        return badJson(e, "A field has a value of the wrong format", rc);
    }

    @ServerExceptionMapper
    public Response badMapping(JsonMappingException e, RoutingContext rc) {
        return badJson(e, "The body does not have the expected shape", rc);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e, RoutingContext rc) {
        return badJson(null, "The body is not valid JSON", rc);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, RoutingContext rc) {
        return unauthenticated(rc);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, RoutingContext rc) {
        return unauthenticated(rc);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, RoutingContext rc) {
        String message = "The caller's role does not allow this call";
        return envelope(403, message, List.of(ErrorDetail.of(ErrorCodes.HEADER_INVALID, "Authorization", message)), rc)
                .build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, RoutingContext rc) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String code;
        String message;
        String path = null;
        switch (status) {
            case 400 -> {
                code = ErrorCodes.FIELD_INVALID;
                message = "The request is not valid";
            }
            case 401 -> {
                return unauthenticated(rc);
            }
            case 403 -> {
                code = ErrorCodes.HEADER_INVALID;
                message = "The caller's role does not allow this call";
                path = "Authorization";
            }
            case 404 -> {
                code = ErrorCodes.RESOURCE_NOT_FOUND;
                message = "No such resource";
            }
            case 405 -> {
                code = ErrorCodes.FIELD_INVALID;
                message = "This method is not allowed on this resource";
            }
            case 406 -> {
                code = ErrorCodes.HEADER_INVALID;
                message = "The requested media type is not available; use application/json";
                path = "Accept";
            }
            case 413 -> {
                code = ErrorCodes.FIELD_INVALID;
                message = "The body is too large";
            }
            case 415 -> {
                code = ErrorCodes.HEADER_INVALID;
                message = "The body's media type is not supported; use application/json";
                path = "Content-Type";
            }
            default -> {
                if (status >= 500) {
                    LOG.errorf(e, "Request %s failed", InteractionId.of(rc));
                    status = 500;
                    code = ErrorCodes.UNEXPECTED_ERROR;
                    message = "An unexpected error occurred";
                } else {
                    code = ErrorCodes.FIELD_INVALID;
                    message = "The request cannot be served";
                }
            }
        }
        Response.ResponseBuilder builder = envelope(status, message, List.of(ErrorDetail.of(code, path, message)), rc);
        if (status == 405 && e.getResponse() != null && e.getResponse().getHeaderString("Allow") != null) {
            builder.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, RoutingContext rc) {
        LOG.errorf(e, "Request %s failed", InteractionId.of(rc));
        String message = "An unexpected error occurred";
        return envelope(500, message, List.of(ErrorDetail.of(ErrorCodes.UNEXPECTED_ERROR, null, message)), rc).build();
    }

    private static Response unauthenticated(RoutingContext rc) {
        boolean present = rc != null && rc.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
        String message = present ? "The access token is not valid" : "An access token is required";
        return envelope(401, message, List.of(ErrorDetail.of(
                present ? ErrorCodes.HEADER_INVALID : ErrorCodes.HEADER_MISSING, "Authorization", message)), rc)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private static Response badJson(JsonMappingException e, String message, RoutingContext rc) {
        String path = e == null ? null : jsonPath(e.getPath());
        return envelope(400, message, List.of(ErrorDetail.of(ErrorCodes.FIELD_INVALID, path, message)), rc).build();
    }

    /** Renders Jackson's reference chain as the contract's dotted path, e.g. {@code Data.Permissions[1]}. */
    static String jsonPath(List<JsonMappingException.Reference> references) {
        if (references == null || references.isEmpty()) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    /** The envelope; the {@code x-fapi-interaction-id} header itself is set once, by {@link InteractionId}, on every response. */
    public static Response.ResponseBuilder envelope(int status, String message, List<ErrorDetail> errors,
            RoutingContext rc) {
        String id = InteractionId.of(rc);
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorEnvelope(Response.Status.fromStatusCode(status) == null
                        ? String.valueOf(status)
                        : Response.Status.fromStatusCode(status).getReasonPhrase(), id, message, errors));
    }
}

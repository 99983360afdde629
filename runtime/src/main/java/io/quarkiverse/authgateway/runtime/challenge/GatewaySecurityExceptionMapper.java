package io.quarkiverse.authgateway.runtime.challenge;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Answers security exceptions raised inside Quarkus REST (lazy authentication, {@code @RolesAllowed}) with the same
 * answer as every other path. Registered by the build for {@code AuthenticationFailedException},
 * {@code UnauthorizedException} and {@code ForbiddenException}, ahead of Quarkus' own mappers.
 */
@Singleton
public class GatewaySecurityExceptionMapper implements ExceptionMapper<SecurityException> {

    private final ChallengeWriter writer;
    private final CurrentVertxRequest request;

    public GatewaySecurityExceptionMapper(ChallengeWriter writer, CurrentVertxRequest request) {
        this.writer = writer;
        this.request = request;
    }

    @Override
    public Response toResponse(SecurityException exception) {
        return writer.answer(request.getCurrent(), exception).toResponse();
    }
}

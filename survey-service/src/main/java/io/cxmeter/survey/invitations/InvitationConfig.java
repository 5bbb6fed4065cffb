package io.cxmeter.survey.invitations;

import java.net.URI;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Invitations' rating links. */
@ConfigMapping(prefix = "cxmeter.invitations")
public interface InvitationConfig {

    /**
     * Where customers reach cxmeter (the gateway's public address, ending in '/'). Links are built on
     * it, never on the Host of the request that created the invitation, which a caller can set.
     */
    @WithDefault("http://localhost:8080/")
    URI publicUrl();
}

package io.cxmeter.survey.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Seals secrets kept at rest (a tenant's SMTP password) with AES-256-GCM: a fresh 96-bit nonce per
 * value, stored before the ciphertext, and the tenant's id as associated data, so a sealed value
 * copied to another tenant's row does not open.
 */
@ApplicationScoped
public class Sealing {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;

    @Inject
    DeliveryConfig config;

    private SecretKey key;

    @PostConstruct
    void init() {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(config.sealingKey().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cxmeter.delivery.sealing-key is not base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalStateException("cxmeter.delivery.sealing-key must be 32 bytes (base64), not " + raw.length);
        }
        key = new SecretKeySpec(raw, "AES");
    }

    public String seal(String tenantId, String secret) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, tenantId);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealing failed", e);
        }
    }

    public String open(String tenantId, String sealed) {
        try {
            byte[] in = Base64.getDecoder().decode(sealed);
            byte[] nonce = java.util.Arrays.copyOf(in, NONCE);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, tenantId);
            return new String(cipher.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A sealed secret does not open with the configured key", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String tenantId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(tenantId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}

package io.cxmeter.survey.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The signer against the Standard Webhooks specification's published vector, and which addresses count as public. */
class WebhookSignerTest {

    @Test
    void reproducesThePublishedTestVector() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSigner.signature(
                List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}"));
    }

    @Test
    void signsWithEverySecretOfARotationSeparatedBySpaces() {
        String other = WebhookSigner.newSecret();
        String header = WebhookSigner.signature(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", other),
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");
        String[] signatures = header.split(" ");
        assertEquals(2, signatures.length);
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signatures[0]);
        assertTrue(other.startsWith("whsec_") && other.length() == "whsec_".length() + 32, other);
    }

    @Test
    void onlyPublicAddressesArePublic() throws Exception {
        for (String inward : List.of("127.0.0.1", "10.0.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254", "100.64.0.1",
                "100.127.255.254", "0.0.0.0", "224.0.0.1", "240.0.0.1", "192.0.0.8", "::1", "::", "fe80::1", "fd12:3456::1",
                "fc00::1", "::ffff:10.0.0.1", "ff02::1")) {
            assertFalse(WebhookTargets.isPublic(InetAddress.getByName(inward)), inward);
        }
        for (String outward : List.of("93.184.215.14", "8.8.8.8", "100.63.255.255", "100.128.0.1", "172.32.0.1",
                "2606:4700::1111", "::ffff:8.8.8.8")) {
            assertTrue(WebhookTargets.isPublic(InetAddress.getByName(outward)), outward);
        }
    }
}

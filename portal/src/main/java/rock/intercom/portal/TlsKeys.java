package rock.intercom.portal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portal's HTTPS key and certificate: from PEM files the installer gives (certificate chain;
 * PKCS#8 private key, RSA or EC), or a self-signed one made on first start with the JDK's keytool
 * and kept in the data dir ({@code portal-tls.p12}, 0600; its store password protects nothing
 * the file mode does not, so it is fixed). {@link #fingerprint} is what a browser shows, to
 * compare before trusting it.
 */
public record TlsKeys(KeyStore keyStore, char[] password, Certificate certificate) {

    public static final String SELF_SIGNED_FILE = "portal-tls.p12";
    private static final char[] STORE_PASSWORD = "rock-intercom-portal".toCharArray();
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    /** SHA-256 of the certificate (DER), as {@code AB:CD:…}. */
    public String fingerprint() {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a PEM certificate (chain) and its PKCS#8 PEM private key; a clear message when they cannot be used. */
    public static TlsKeys fromPem(Path certificateFile, Path keyFile) {
        try {
            List<Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certificateFile))));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException(certificateFile + ": no certificate in the file");
            }
            PrivateKey key = privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("portal", key, STORE_PASSWORD, chain.toArray(Certificate[]::new));
            return new TlsKeys(store, STORE_PASSWORD, chain.get(0));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("HTTPS certificate or key cannot be used: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(String pem, Path file) throws GeneralSecurityException {
        Matcher block = PEM.matcher(pem);
        if (!block.find()) {
            throw new IllegalArgumentException(file + ": no PEM private key");
        }
        if (!block.group(1).equals("PRIVATE KEY")) {
            throw new IllegalArgumentException(file + ": a " + block.group(1).toLowerCase(Locale.ROOT)
                    + " is not read; convert it: openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(block.group(2));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(file + ": the private key is not RSA, EC or Ed25519");
    }

    /**
     * The self-signed key under {@code dataDir}, made on first use (EC P-256, ten years, names
     * {@code localhost} and {@code 127.0.0.1} plus {@code hostName}); {@code made} says whether it was new.
     */
    public static TlsKeys selfSigned(Path dataDir, String hostName, boolean[] made) {
        Path file = dataDir.resolve(SELF_SIGNED_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                String san = "SAN=dns:localhost,ip:127.0.0.1" + (hostName == null || hostName.isBlank()
                        || hostName.equals("0.0.0.0") ? "" : hostName.matches("[0-9.]+") ? ",ip:" + hostName
                        : ",dns:" + hostName);
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "portal", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-sigalg", "SHA256withECDSA", "-dname", "CN=Rock Intercom Admin Portal", "-ext", san,
                        "-validity", "3650", "-storetype", "PKCS12", "-keystore", file.toString(),
                        "-storepass", new String(STORE_PASSWORD)).redirectErrorStream(true).start();
                String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed: " + output.trim());
                }
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the data dir's own permissions apply
                }
                made[0] = true;
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, STORE_PASSWORD);
            }
            return new TlsKeys(store, STORE_PASSWORD, store.getCertificate("portal"));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("self-signed HTTPS certificate in " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the HTTPS certificate", e);
        }
    }
}

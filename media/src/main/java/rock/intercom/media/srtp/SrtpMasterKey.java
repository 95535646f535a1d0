package rock.intercom.media.srtp;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A master key and salt for one direction of one SRTP session (RFC 3711 §8.1). {@link #toString()}
 * never shows the key material.
 */
public final class SrtpMasterKey {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] key;
    private final byte[] salt;

    public SrtpMasterKey(byte[] key, byte[] salt) {
        if (key.length != CryptoSuite.KEY_LENGTH || salt.length != CryptoSuite.SALT_LENGTH) {
            throw new IllegalArgumentException("master key must be 16 bytes and salt 14 bytes");
        }
        this.key = key.clone();
        this.salt = salt.clone();
    }

    /** A fresh random key and salt (RFC 4568 §6.1: keys must be random). */
    public static SrtpMasterKey random() {
        byte[] k = new byte[CryptoSuite.KEY_LENGTH];
        byte[] s = new byte[CryptoSuite.SALT_LENGTH];
        RANDOM.nextBytes(k);
        RANDOM.nextBytes(s);
        return new SrtpMasterKey(k, s);
    }

    /** Splits the 30-byte "inline" key||salt of RFC 4568 §6.1. */
    public static SrtpMasterKey fromConcatenated(byte[] keyAndSalt) {
        if (keyAndSalt.length != CryptoSuite.KEY_LENGTH + CryptoSuite.SALT_LENGTH) {
            throw new IllegalArgumentException("key||salt must be 30 bytes, got " + keyAndSalt.length);
        }
        return new SrtpMasterKey(Arrays.copyOf(keyAndSalt, CryptoSuite.KEY_LENGTH),
            Arrays.copyOfRange(keyAndSalt, CryptoSuite.KEY_LENGTH, keyAndSalt.length));
    }

    public byte[] key() {
        return key.clone();
    }

    public byte[] salt() {
        return salt.clone();
    }

    public byte[] concatenated() {
        byte[] out = Arrays.copyOf(key, key.length + salt.length);
        System.arraycopy(salt, 0, out, key.length, salt.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpMasterKey k && Arrays.equals(key, k.key) && Arrays.equals(salt, k.salt);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key) * 31 + Arrays.hashCode(salt);
    }

    @Override
    public String toString() {
        return "SrtpMasterKey[redacted]";
    }
}

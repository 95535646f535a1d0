package rock.intercom.portal.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import rock.intercom.portal.Role;

/**
 * Portal users with bcrypt password hashes, kept in {@code portal-users.json} under the data dir
 * (written to a temporary file, then renamed). There is no default password: the first start
 * creates the administrator with {@code INTERCOM_ADMIN_PASSWORD}, or with a random password that
 * is printed once. A change made by another process ({@code ./intercom user}) is picked up on the
 * next request: the file's identity and modification time are checked before each look-up, and a
 * changed file is read again. Thread-safe.
 */
public final class UserStore {

    public static final String FILE_NAME = "portal-users.json";
    public static final String ADMIN_USER_ENV = "INTERCOM_ADMIN_USER";
    public static final String ADMIN_PASSWORD_ENV = "INTERCOM_ADMIN_PASSWORD";
    /** bcrypt work factor for stored passwords: about 50-100 ms per check on a small CPU. */
    public static final int DEFAULT_COST = 10;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(Role role, String hash) {
    }

    private final Path file;
    private final int cost;
    private final String dummyHash;
    private final Map<String, Entry> users = new LinkedHashMap<>();
    /** The file's identity and time when last read or written; another value means someone else wrote it. */
    private Object seenVersion;

    private UserStore(Path file, int cost) {
        this.file = file;
        this.cost = cost;
        this.dummyHash = hash("not a password".toCharArray());
    }

    /** Opens (or creates) the user file under {@code dataDir}; bootstraps the administrator on first start. */
    public static UserStore open(Path dataDir, Map<String, String> env, PrintStream announce) {
        return open(dataDir, env, announce, DEFAULT_COST);
    }

    /** As {@link #open(Path, Map, PrintStream)} with a chosen bcrypt cost (tests use a low one). */
    public static UserStore open(Path dataDir, Map<String, String> env, PrintStream announce, int cost) {
        UserStore store = new UserStore(dataDir.resolve(FILE_NAME), cost);
        if (Files.exists(store.file)) {
            store.load();
        }
        if (store.users.isEmpty()) {
            store.bootstrapAdministrator(env, announce);
        }
        return store;
    }

    private void bootstrapAdministrator(Map<String, String> env, PrintStream announce) {
        String username = env.getOrDefault(ADMIN_USER_ENV, "admin");
        if (username.isBlank()) {
            username = "admin";
        }
        String given = env.get(ADMIN_PASSWORD_ENV);
        boolean random = given == null || given.isEmpty();
        char[] password = random ? randomPassword() : given.toCharArray();
        put(username, password, Role.ACCOUNT_ADMINISTRATOR);
        if (random) {
            // Printed exactly once, on the first start; only the hash is kept.
            announce.println("Admin Portal: created user '" + username + "' with password " + new String(password)
                    + " (shown once; set " + ADMIN_PASSWORD_ENV + " to choose it)");
        } else {
            announce.println("Admin Portal: created user '" + username + "' with the password from "
                    + ADMIN_PASSWORD_ENV);
        }
        Arrays.fill(password, '\0');
    }

    private static char[] randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        char[] out = new char[20];
        for (int i = 0; i < out.length; i++) {
            out[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        return out;
    }

    /** Creates or replaces a user. */
    public synchronized void put(String username, char[] password, Role role) {
        checkUsername(username);
        checkPassword(password);
        reloadIfChanged();
        users.put(username, new Entry(role, hash(password)));
        save();
    }

    /** Sets a new password for an existing user, keeping the role. */
    public synchronized void setPassword(String username, char[] password) {
        checkPassword(password);
        Entry entry = existing(username);
        users.put(username, new Entry(entry.role(), hash(password)));
        save();
    }

    /** Changes an existing user's role; the last Account Administrator keeps theirs. */
    public synchronized void setRole(String username, Role role) {
        Entry entry = existing(username);
        if (entry.role() == Role.ACCOUNT_ADMINISTRATOR && role != Role.ACCOUNT_ADMINISTRATOR && administrators() == 1) {
            throw new IllegalArgumentException("the last Account Administrator cannot lose the role");
        }
        users.put(username, new Entry(role, entry.hash()));
        save();
    }

    /** Removes a user; the last Account Administrator cannot be removed. */
    public synchronized void remove(String username) {
        Entry entry = existing(username);
        if (entry.role() == Role.ACCOUNT_ADMINISTRATOR && administrators() == 1) {
            throw new IllegalArgumentException("the last Account Administrator cannot be removed");
        }
        users.remove(username);
        save();
    }

    /**
     * A value that changes whenever the user's password changes (a digest of the stored hash, not
     * the hash): a session made before a password change no longer matches. Empty for no such user.
     */
    public synchronized Optional<String> stamp(String username) {
        reloadIfChanged();
        Entry entry = username == null ? null : users.get(username);
        return entry == null ? Optional.empty() : Optional.of(digest(entry.hash()));
    }

    private Entry existing(String username) {
        reloadIfChanged();
        Entry entry = username == null ? null : users.get(username);
        if (entry == null) {
            throw new IllegalArgumentException("no user '" + username + "'");
        }
        return entry;
    }

    private long administrators() {
        return users.values().stream().filter(e -> e.role() == Role.ACCOUNT_ADMINISTRATOR).count();
    }

    private static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username must be 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    private static void checkPassword(char[] password) {
        if (password == null || password.length < 8) {
            throw new IllegalArgumentException("password must have at least 8 characters");
        }
        if (password.length > 256) {
            throw new IllegalArgumentException("password must have at most 256 characters");
        }
    }

    private static String digest(String text) {
        try {
            byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the file again when another process replaced or changed it since we last saw it. */
    private void reloadIfChanged() {
        Object now = version();
        if (now != null && !now.equals(seenVersion)) {
            Map<String, Entry> before = new LinkedHashMap<>(users);
            users.clear();
            try {
                load();
            } catch (IllegalStateException unreadable) {
                // A broken file must not lock everyone out: keep the users we had until it is fixed.
                users.putAll(before);
                seenVersion = now;
                org.slf4j.LoggerFactory.getLogger(UserStore.class).warn("{}; keeping the users read before",
                        unreadable.getMessage());
            }
        }
    }

    private Object version() {
        try {
            var attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            return null; // no file (yet): keep what is in memory
        }
    }

    /** The user whose password matches; empty otherwise. Takes the same time for unknown users. */
    public Optional<PortalUser> verify(String username, char[] password) {
        Entry entry;
        synchronized (this) {
            reloadIfChanged();
            entry = username == null ? null : users.get(username);
        }
        String hash = entry == null ? dummyHash : entry.hash();
        boolean ok = password != null && password.length > 0 && OpenBSDBCrypt.checkPassword(hash, password);
        return ok && entry != null ? Optional.of(new PortalUser(username, entry.role())) : Optional.empty();
    }

    public synchronized Optional<PortalUser> find(String username) {
        reloadIfChanged();
        Entry entry = users.get(username);
        return entry == null ? Optional.empty() : Optional.of(new PortalUser(username, entry.role()));
    }

    public synchronized List<PortalUser> list() {
        reloadIfChanged();
        List<PortalUser> out = new ArrayList<>();
        users.forEach((name, entry) -> out.add(new PortalUser(name, entry.role())));
        return out;
    }

    private String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password, salt, cost);
    }

    private void load() {
        Object version = version();
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            for (var node : root.withArray("users")) {
                users.put(node.path("username").asText(),
                        new Entry(Role.valueOf(node.path("role").asText()), node.path("passwordHash").asText()));
            }
            seenVersion = version;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read portal users from " + file + ": " + e.getMessage(), e);
        }
    }

    private void save() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("users");
        users.forEach((name, entry) -> list.addObject()
                .put("username", name)
                .put("role", entry.role().name())
                .put("passwordHash", entry.hash()));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // A name of its own: portal processes sharing the data dir may write at the same moment.
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), FILE_NAME + ".", ".tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root),
                    StandardCharsets.UTF_8);
            restrictToOwner(tmp);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            seenVersion = version();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write portal users to " + file, e);
        }
    }

    private static void restrictToOwner(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: the data dir's own permissions apply.
        }
    }
}

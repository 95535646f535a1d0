package rock.intercom.portal.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import rock.intercom.portal.Role;

/**
 * Portal users with bcrypt password hashes, kept in {@code portal-users.json} under the data dir
 * (written to a temporary file, then renamed). There is no default password: the first start
 * creates the administrator ({@link FirstAdministrator}). A change made by another process
 * ({@code ./intercom user}) is picked up on the next request: the file's identity and modification
 * time are checked before each look-up, and a changed file is read again. Thread-safe.
 */
public final class UserStore implements UserDirectory {

    public static final String FILE_NAME = "portal-users.json";
    public static final String ADMIN_USER_ENV = FirstAdministrator.ADMIN_USER_ENV;
    public static final String ADMIN_PASSWORD_ENV = FirstAdministrator.ADMIN_PASSWORD_ENV;
    public static final int DEFAULT_COST = PasswordHashes.DEFAULT_COST;

    private record Entry(Role role, String hash) {
    }

    private final Path file;
    private final PasswordHashes hashes;
    private final Map<String, Entry> users = new LinkedHashMap<>();
    /** The file's identity and time when last read or written; another value means someone else wrote it. */
    private Object seenVersion;

    private UserStore(Path file, int cost) {
        this.file = file;
        this.hashes = new PasswordHashes(cost);
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
            FirstAdministrator first = FirstAdministrator.from(env);
            store.put(first.username(), first.password(), Role.ACCOUNT_ADMINISTRATOR);
            first.announce(announce);
            first.forget();
        }
        return store;
    }

    @Override
    public synchronized void put(String username, char[] password, Role role) {
        UserRules.checkUsername(username);
        UserRules.checkPassword(password);
        reloadIfChanged();
        users.put(username, new Entry(role, hashes.hash(password)));
        save();
    }

    @Override
    public synchronized void setPassword(String username, char[] password) {
        UserRules.checkPassword(password);
        Entry entry = existing(username);
        users.put(username, new Entry(entry.role(), hashes.hash(password)));
        save();
    }

    @Override
    public synchronized void setRole(String username, Role role) {
        Entry entry = existing(username);
        UserRules.keepAnAdministrator(entry.role(), role, administrators());
        users.put(username, new Entry(role, entry.hash()));
        save();
    }

    @Override
    public synchronized void remove(String username) {
        Entry entry = existing(username);
        UserRules.keepAnAdministrator(entry.role(), null, administrators());
        users.remove(username);
        save();
    }

    @Override
    public synchronized Optional<String> stamp(String username) {
        reloadIfChanged();
        Entry entry = username == null ? null : users.get(username);
        return entry == null ? Optional.empty() : Optional.of(PasswordHashes.stamp(entry.hash()));
    }

    private Entry existing(String username) {
        reloadIfChanged();
        Entry entry = username == null ? null : users.get(username);
        if (entry == null) {
            throw UserRules.noSuchUser(username);
        }
        return entry;
    }

    private long administrators() {
        return users.values().stream().filter(e -> e.role() == Role.ACCOUNT_ADMINISTRATOR).count();
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

    @Override
    public Optional<PortalUser> verify(String username, char[] password) {
        Entry entry;
        synchronized (this) {
            reloadIfChanged();
            entry = username == null ? null : users.get(username);
        }
        boolean ok = hashes.matches(entry == null ? null : entry.hash(), password);
        return ok ? Optional.of(new PortalUser(username, entry.role())) : Optional.empty();
    }

    @Override
    public synchronized Optional<PortalUser> find(String username) {
        reloadIfChanged();
        Entry entry = users.get(username);
        return entry == null ? Optional.empty() : Optional.of(new PortalUser(username, entry.role()));
    }

    @Override
    public synchronized List<PortalUser> list() {
        reloadIfChanged();
        List<PortalUser> out = new ArrayList<>();
        users.forEach((name, entry) -> out.add(new PortalUser(name, entry.role())));
        return out;
    }

    private void load() {
        Object version = version();
        try {
            ObjectNode root = JsonStoreFile.read(file);
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
        ObjectNode root = JsonStoreFile.newDocument();
        ArrayNode list = root.putArray("users");
        users.forEach((name, entry) -> list.addObject()
                .put("username", name)
                .put("role", entry.role().name())
                .put("passwordHash", entry.hash()));
        try {
            JsonStoreFile.write(file, root);
            seenVersion = version();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write portal users to " + file, e);
        }
    }
}

package org.openbanking.testing;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.annotations.Pact;

/**
 * Holds the pact a consumer test class writes to the one committed in {@code contracts/pacts} (contracts/README.md),
 * which the provider's build verifies. Register it before Pact's extension, so that it runs after Pact has written
 * {@code target/pacts}: {@code @ExtendWith({CommittedPact.class, PactConsumerTestExt.class})}. One test class per
 * consumer and provider, since each class writes its pact file anew.
 * <p>
 * When every test of the class ran and passed (or is disabled), the written pact is compared with the committed one, as JSON. With
 * {@code CI} set, a difference fails the build; locally the committed file is replaced, for {@code git diff} to show
 * and the developer to commit with the change that caused it. After a failed or partial run nothing is compared.
 */
public class CommittedPact implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    /** Where Pact writes (its default, relative to the module) and where the pacts are committed. */
    public static final Path WRITTEN = Path.of("target", "pacts");
    public static final Path COMMITTED = Path.of("..", "contracts", "pacts");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CommittedPact.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void beforeAll(ExtensionContext context) {
        // Each run writes the class's pact anew, instead of merging it into what an earlier run left in target/.
        System.setProperty("pact.writer.overwrite", "true");
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        counter(context, "passed").incrementAndGet();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        incomplete(context);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        incomplete(context);
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        // Pact leaves a disabled test's interaction out; the pact without it is what the consumer's tests hold.
        counter(context, "disabled").incrementAndGet();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Class<?> testClass = context.getRequiredTestClass();
        int tests = AnnotationSupport.findAnnotatedMethods(testClass, Test.class, HierarchyTraversalMode.TOP_DOWN).size();
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        int ran = count(store, "passed") + count(store, "disabled");
        if (context.getExecutionException().isPresent() || store.get("incomplete") != null || ran < tests) {
            return; // a failed or partial run writes a partial pact: it is no news about the contract
        }
        String file = pactFile(testClass);
        Path written = WRITTEN.resolve(file);
        if (!Files.exists(written)) {
            throw new AssertionError("Pact wrote no " + written.toAbsolutePath().normalize());
        }
        Path committed = COMMITTED.resolve(file);
        JsonNode now = JSON.readTree(written.toFile());
        if (Files.exists(committed) && now.equals(JSON.readTree(committed.toFile()))) {
            return;
        }
        String difference = Files.exists(committed)
                ? "first difference at " + firstDifference(JSON.readTree(committed.toFile()), now, "")
                : "it is not committed yet";
        String where = "contracts/pacts/" + file;
        if (inCi()) {
            throw new AssertionError(where + " is not the pact that " + testClass.getSimpleName() + " writes ("
                    + difference + "). The consumer's expectations changed: run `./mvnw test -pl "
                    + Path.of("").toAbsolutePath().getFileName() + " -Dtest=" + testClass.getSimpleName()
                    + "` without CI set, which refreshes the committed file, review `git diff "
                    + where + "` and commit it with the change; the provider's build verifies it.");
        }
        Files.createDirectories(committed.getParent());
        Files.copy(written, committed, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("[CommittedPact] Refreshed " + where + " (" + difference
                + "): the consumer's expectations changed; review git diff and commit it.");
    }

    /** {@code <consumer>-<provider>.json}, as Pact names it: the class's one consumer and its provider. */
    static String pactFile(Class<?> testClass) {
        PactTestFor target = AnnotationSupport.findAnnotation(testClass, PactTestFor.class)
                .orElseThrow(() -> new IllegalStateException(testClass + " names no provider (@PactTestFor)"));
        TreeSet<String> consumers = new TreeSet<>();
        for (Method method : AnnotationSupport.findAnnotatedMethods(testClass, Pact.class, HierarchyTraversalMode.TOP_DOWN)) {
            consumers.add(method.getAnnotation(Pact.class).consumer());
        }
        if (consumers.size() != 1 || target.providerName().isEmpty()) {
            throw new IllegalStateException(testClass + " must write one pact: one consumer and one provider, not "
                    + consumers + " and '" + target.providerName() + "'");
        }
        return consumers.first() + "-" + target.providerName() + ".json";
    }

    static boolean inCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci);
    }

    /** The JSON pointer of the first place where the two documents differ, and what each has there. */
    static String firstDifference(JsonNode committed, JsonNode written, String path) {
        if (committed.equals(written)) {
            return null;
        }
        if (committed.isObject() && written.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            committed.fieldNames().forEachRemaining(names::add);
            written.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode a = committed.get(name);
                JsonNode b = written.get(name);
                String found = a == null || b == null
                        ? describe(path + "/" + name, a, b)
                        : firstDifference(a, b, path + "/" + name);
                if (found != null) {
                    return found;
                }
            }
        } else if (committed.isArray() && written.isArray() && committed.size() == written.size()) {
            for (int i = 0; i < committed.size(); i++) {
                String found = firstDifference(committed.get(i), written.get(i), path + "/" + i);
                if (found != null) {
                    return found;
                }
            }
        }
        return describe(path, committed, written);
    }

    private static String describe(String path, JsonNode committed, JsonNode written) {
        return (path.isEmpty() ? "/" : path) + ": committed " + abbreviate(committed) + ", written " + abbreviate(written);
    }

    private static String abbreviate(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }

    private static AtomicInteger counter(ExtensionContext context, String name) {
        return classStore(context).computeIfAbsent(name, k -> new AtomicInteger(), AtomicInteger.class);
    }

    private static int count(ExtensionContext.Store store, String name) {
        AtomicInteger counter = store.get(name, AtomicInteger.class);
        return counter == null ? 0 : counter.get();
    }

    private static void incomplete(ExtensionContext context) {
        classStore(context).put("incomplete", Boolean.TRUE);
    }

    private static ExtensionContext.Store classStore(ExtensionContext context) {
        return context.getParent().orElseThrow().getStore(NAMESPACE);
    }
}

package cn.nekj.tools.mongo;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What an index may look up for a query, and the values a document holds for a key, in one normal form.
 *
 * <p>Only equality on plain scalar values is planned: a top-level {@code {key: v}}, {@code {key: {$eq: v}}}
 * or {@code {key: {$in: [v, …]}}} where every v is a string, number, boolean, ObjectId, date or UUID. Everything
 * else (null, sub-documents, arrays, regular expressions, ranges, {@code $or}) is not, and the query runs
 * as before. The candidates an index returns are always a superset: the server still matches every one of
 * them against the whole query, so other conditions, operators and sorts keep their meaning.
 */
final class QueryKeys {

    private QueryKeys() {
    }

    /** The normalised values a query asks for on {@code key}, or null when it cannot be answered by lookup. */
    static List<Object> wanted(Document query, String key) {
        if (!query.containsKey(key)) {
            return null;
        }
        Object q = query.get(key);
        if (isScalar(q)) {
            return List.of(normalize(q));
        }
        if (!(q instanceof Document)) {
            return null;
        }
        Document ops = (Document) q;
        if (ops.size() != 1) {
            return null;
        }
        if (ops.containsKey("$eq") && isScalar(ops.get("$eq"))) {
            return List.of(normalize(ops.get("$eq")));
        }
        if (ops.containsKey("$in") && ops.get("$in") instanceof Collection) {
            List<Object> values = new ArrayList<>();
            for (Object v : (Collection<?>) ops.get("$in")) {
                if (!isScalar(v)) {
                    return null;
                }
                values.add(normalize(v));
            }
            return values;
        }
        return null;
    }

    /** Every scalar a document holds under {@code key} (array elements included, at any depth), normalised. */
    static void held(Document document, String key, Set<Object> into) {
        collect(Utils.getSubdocumentValueCollectionAware(document, key), into);
    }

    private static void collect(Object value, Set<Object> into) {
        if (value instanceof Collection) {
            for (Object v : (Collection<?>) value) {
                collect(v, into);
            }
        } else if (isScalar(value)) {
            into.add(normalize(value));
        }
    }

    /** Whether a key path can be planned: no positional fragments ({@code items.0.code}) or operators. */
    static boolean plannable(String key) {
        for (String fragment : key.split("\\.")) {
            if (fragment.isEmpty() || fragment.startsWith("$") || fragment.chars().allMatch(Character::isDigit)) {
                return false;
            }
        }
        return true;
    }

    static boolean isScalar(Object v) {
        if (v == null || Missing.isNullOrMissing(v)) {
            return false;
        }
        return v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Double
            || v instanceof Float || v instanceof Short || v instanceof Byte || v instanceof Boolean
            || v instanceof ObjectId || v instanceof Instant || v instanceof Date || v instanceof UUID;
    }

    /** As the server compares values: numbers as doubles (0.0 for -0.0) unless a long has no exact double. */
    static Object normalize(Object v) {
        if (v instanceof Long) {
            long l = (Long) v;
            if ((long) (double) l != l) {
                return v;
            }
        }
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            return d == -0.0 ? 0.0 : d;
        }
        if (v instanceof Date) {
            return ((Date) v).toInstant();
        }
        return v;
    }
}

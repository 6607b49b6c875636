package cn.nekj.tools.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.exception.KeyConstraintError;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The server's own unique index (persisted in the H2 store), answering more queries: the server uses a
 * unique index only when a query names exactly its keys, so {@code {_id: x, version: 3}} — every guarded
 * write — scanned the collection. Here any query with plain equality (or {@code $in}) on all its keys is
 * looked up by those keys, and the server matches the rest of the query on what is found.
 */
final class PlannedUniqueIndex extends Index<Object> implements Planned {

    private final Index<Object> inner;
    private final Planned.Siblings siblings;
    private final boolean plannable;

    PlannedUniqueIndex(Index<Object> inner, boolean sparse, Planned.Siblings siblings) {
        super(inner.getName(), inner.getKeys(), sparse);
        this.inner = inner;
        this.siblings = siblings;
        this.plannable = keys().stream().allMatch(QueryKeys::plannable);
        siblings.add(this);
    }

    /** The values asked for, one list per key, or null when not every key has plain equality. */
    private List<List<Object>> wanted(Document query) {
        if (!plannable) {
            return null;
        }
        List<List<Object>> all = new ArrayList<>();
        for (String key : keys()) {
            List<Object> w = QueryKeys.wanted(query, key);
            if (w == null) {
                return null;
            }
            all.add(w);
        }
        // Compound keys: only single values per key (the server's lookup takes one value per key).
        if (all.size() > 1 && all.stream().anyMatch(w -> w.size() != 1)) {
            return null;
        }
        return all;
    }

    @Override
    public long cost(Document query) {
        if (inner.canHandle(query)) {
            // What the server itself would do (exact key set: equality, $in or a regular expression).
            List<List<Object>> w = wanted(query);
            return w != null ? w.get(0).size() : Math.max(1, inner.getCount());
        }
        List<List<Object>> w = wanted(query);
        return w == null ? Long.MAX_VALUE : w.get(0).size();
    }

    @Override
    public boolean canHandle(Document query) {
        return siblings.best(this, query);
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        if (inner.canHandle(query)) {
            return inner.getPositions(query);
        }
        List<List<Object>> w = wanted(query);
        Document lookup = new Document();
        List<String> keys = keys();
        if (keys.size() == 1) {
            lookup.put(keys.get(0), new Document("$in", w.get(0)));
        } else {
            for (int i = 0; i < keys.size(); i++) {
                lookup.put(keys.get(i), w.get(i).get(0));
            }
        }
        Set<Object> found = new LinkedHashSet<>();
        for (Object p : inner.getPositions(lookup)) {
            found.add(p);
        }
        return new ArrayList<>(found);
    }

    @Override
    public Object getPosition(Document document) {
        return inner.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        inner.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        inner.add(document, position, collection);
    }

    @Override
    public Object remove(Document document) {
        return inner.remove(document);
    }

    @Override
    public long getCount() {
        return inner.getCount();
    }

    @Override
    public boolean isEmpty() {
        return inner.isEmpty();
    }

    @Override
    public long getDataSize() {
        return inner.getDataSize();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        inner.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) throws KeyConstraintError {
        inner.updateInPlace(oldDocument, newDocument, position, collection);
    }

    @Override
    public boolean isUnique() {
        return true;
    }

    @Override
    public boolean hasSameOptions(Index<?> other) {
        return other instanceof PlannedUniqueIndex ? inner.hasSameOptions(((PlannedUniqueIndex) other).inner)
            : inner.hasSameOptions(other);
    }

    @Override
    public void drop() {
        siblings.remove(this);
        inner.drop();
    }
}

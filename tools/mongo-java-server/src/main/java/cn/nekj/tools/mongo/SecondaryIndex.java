package cn.nekj.tools.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A non-unique index, which mongo-java-server 1.47 accepts but ignores (every query on such a field scanned
 * the whole collection: a listing write, its audit entry and its notices each scanned theirs). Held in
 * memory and rebuilt from the documents when the server opens the collection (the server fills an empty
 * index itself); only the first key of a compound index is looked up, the rest is matched afterwards.
 *
 * <p>Positions are the documents' {@code _id} values (the H2 backend's positions). Reported as sparse, as the
 * server's own placeholder was, so that documents without the key need no entry.
 */
final class SecondaryIndex extends Index<Object> implements Planned {

    private final String key;
    private final boolean plannable;
    private final Planned.Siblings siblings;
    private final Map<Object, Set<Object>> postings = new HashMap<>();
    private long entries;

    SecondaryIndex(String name, List<IndexKey> keys, Planned.Siblings siblings) {
        super(name, keys, true);
        this.key = keys.get(0).getKey();
        this.plannable = QueryKeys.plannable(key);
        this.siblings = siblings;
        siblings.add(this);
    }

    private static Set<Object> heldBy(Document document, String key) {
        Set<Object> values = new HashSet<>();
        QueryKeys.held(document, key, values);
        return values;
    }

    private static Object positionOf(Document document) {
        return document.get("_id");
    }

    @Override
    public synchronized long cost(Document query) {
        if (!plannable) {
            return Long.MAX_VALUE;
        }
        List<Object> wanted = QueryKeys.wanted(query, key);
        if (wanted == null) {
            return Long.MAX_VALUE;
        }
        long n = 0;
        for (Object v : wanted) {
            Set<Object> p = postings.get(v);
            n += p == null ? 0 : p.size();
        }
        return n;
    }

    @Override
    public boolean canHandle(Document query) {
        return siblings.best(this, query);
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        List<Object> wanted = QueryKeys.wanted(query, key);
        Set<Object> found = new LinkedHashSet<>();
        for (Object v : wanted) {
            Set<Object> p = postings.get(v);
            if (p != null) {
                found.addAll(p);
            }
        }
        // A copy: an update or delete walks these positions while changing the postings.
        return new ArrayList<>(found);
    }

    private void put(Set<Object> values, Object position) {
        for (Object v : values) {
            if (postings.computeIfAbsent(v, x -> new LinkedHashSet<>()).add(position)) {
                entries++;
            }
        }
    }

    private boolean drop(Set<Object> values, Object position) {
        boolean any = false;
        for (Object v : values) {
            Set<Object> p = postings.get(v);
            if (p != null && p.remove(position)) {
                any = true;
                entries--;
                if (p.isEmpty()) {
                    postings.remove(v);
                }
            }
        }
        return any;
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        put(heldBy(document, key), position);
    }

    @Override
    public synchronized Object remove(Document document) {
        Object position = positionOf(document);
        return drop(heldBy(document, key), position) ? position : null;
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
                                           MongoCollection<Object> collection) {
        Set<Object> before = heldBy(oldDocument, key);
        Set<Object> after = heldBy(newDocument, key);
        if (before.equals(after)) {
            return;
        }
        drop(before, position);
        put(after, position);
    }

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // Not unique: nothing to refuse.
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // Not unique: nothing to refuse.
    }

    @Override
    public synchronized long getCount() {
        return entries;
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public void drop() {
        // Out of the planner first, without this index's lock: the planner takes its own lock, then each
        // index's (cost), so taking them the other way round here could deadlock with a query.
        siblings.remove(this);
        synchronized (this) {
            postings.clear();
            entries = 0;
        }
    }
}

#!/usr/bin/python3
"""A MongoDB stand-in for the tests when neither a MongoDB server nor Docker is available.

Debian's python3-mockupdb speaks the wire protocol; Debian's python3-mongomock holds the data
in memory and evaluates queries and updates. This script only translates commands between the two.
Run it with /usr/bin/python3 (Debian's packages are not visible to other interpreters):

    /usr/bin/python3 mongo_emulator.py --port 27099

It prints "listening on PORT" once it accepts connections and serves until killed.

What it covers is what MongoDB.Driver sends for the CineMatch providers: the handshake, CRUD
(find/getMore/killCursors, insert, update and delete with upserts, findAndModify), bulk writes
(the driver sends them as one insert/update/delete command with many statements), count, distinct,
aggregate (the stages mongomock knows), indexes, collections. Not covered: transactions, change
streams, sessions (the handshake does not announce them, so the driver sends no lsid), auth, TLS.
"""

import argparse
import collections
import datetime
import itertools
import sys
import threading

import bson
from bson.codec_options import CodecOptions
from bson.binary import UuidRepresentation
from bson.int64 import Int64
import mockupdb
import mongomock
import mongomock.collection
import mongomock.filtering
import pymongo.errors

# The driver writes UUIDs as subtype 4; pymongo 3's default would answer with subtype 3.
CODEC = CodecOptions(document_class=collections.OrderedDict, uuid_representation=UuidRepresentation.STANDARD)
mockupdb.CODEC_OPTIONS = CODEC
mockupdb.OpMsgReply.reply_bytes = (lambda original: lambda self, request: _with_codec(original, self, request))(
    mockupdb.OpMsgReply.reply_bytes)
mockupdb.OpReply.reply_bytes = (lambda original: lambda self, request: _with_codec(original, self, request))(
    mockupdb.OpReply.reply_bytes)


def _with_codec(original, reply, request):
    encode = bson.BSON.encode
    bson.BSON.encode = classmethod(lambda cls, doc, check_keys=False, codec_options=CODEC: encode(doc, False, CODEC))
    try:
        return original(reply, request)
    finally:
        bson.BSON.encode = encode


_scan_documents = mongomock.collection.Collection._iter_documents


def _iter_documents_by_id(self, filter):
    """mongomock scans the whole collection for every query and write (2-13 ms once a collection holds a few
    thousand documents). A filter that names one plain _id (what the grain storage, movie_counts and
    user_affinities writes send) can only match the document stored under that key, so look it up instead;
    the rest of the filter is still applied to it."""
    if isinstance(filter, dict) and isinstance(filter.get('_id'), (str, bson.ObjectId, int)) \
            and not isinstance(filter.get('_id'), bool) and not self._store.is_empty:
        key = filter['_id']
        candidate = self._store[key] if key in self._store else None
        return iter([candidate] if candidate is not None and mongomock.filtering.filter_applies(filter, candidate) else [])
    return _scan_documents(self, filter)


mongomock.collection.Collection._iter_documents = _iter_documents_by_id


class _LenientBSON(bson.BSON):
    """mongomock rejects '.' in field names (MongoDB before 5.0 did); today's servers store them."""

    @classmethod
    def encode(cls, document, check_keys=False, codec_options=CODEC):
        return bson.BSON.encode(document, False, codec_options)


mongomock.collection.BSON = _LenientBSON

DEFAULT_BATCH = 101
client = mongomock.MongoClient()
cursors = {}
cursor_ids = itertools.count(1)
connection_ids = itertools.count(1)


class CommandError(Exception):
    def __init__(self, message, code, code_name):
        super().__init__(message)
        self.code = code
        self.code_name = code_name


def collection_of(cmd, name_key):
    return client[cmd['$db']][cmd[name_key]]


def namespace(cmd, collection_name):
    return '%s.%s' % (cmd['$db'], collection_name)


def cursor_reply(ns, documents, batch_size, single_batch=False):
    documents = list(documents)
    size = batch_size if batch_size else DEFAULT_BATCH
    first, rest = documents[:size], documents[size:]
    cursor_id = 0
    if rest and not single_batch:
        cursor_id = next(cursor_ids)
        cursors[cursor_id] = (ns, rest)
    return {'cursor': {'id': Int64(cursor_id), 'ns': ns, 'firstBatch': first}}


def hello(cmd):
    return {
        'helloOk': True, 'ismaster': True, 'isWritablePrimary': True,
        'maxBsonObjectSize': 16 * 1024 * 1024, 'maxMessageSizeBytes': 48000000, 'maxWriteBatchSize': 100000,
        'localTime': datetime.datetime.utcnow(), 'minWireVersion': 0, 'maxWireVersion': 17,
        'connectionId': next(connection_ids), 'readOnly': False,
    }


def build_info(cmd):
    return {'version': '6.0.0-mongomock', 'versionArray': [6, 0, 0, 0], 'maxBsonObjectSize': 16 * 1024 * 1024}


def find(cmd):
    coll = collection_of(cmd, 'find')
    limit = int(cmd.get('limit', 0) or 0)
    sort = list(cmd['sort'].items()) if cmd.get('sort') else None
    found = coll.find(cmd.get('filter') or {}, projection=cmd.get('projection') or None,
                      skip=int(cmd.get('skip', 0) or 0), limit=abs(limit), sort=sort)
    single = bool(cmd.get('singleBatch')) or limit < 0
    return cursor_reply(namespace(cmd, cmd['find']), found, cmd.get('batchSize'), single)


def get_more(cmd):
    cursor_id = int(cmd['getMore'])
    if cursor_id not in cursors:
        raise CommandError('cursor id %d not found' % cursor_id, 43, 'CursorNotFound')
    ns, rest = cursors.pop(cursor_id)
    size = cmd.get('batchSize') or len(rest)
    batch, rest = rest[:size], rest[size:]
    if rest:
        cursors[cursor_id] = (ns, rest)
    else:
        cursor_id = 0
    return {'cursor': {'id': Int64(cursor_id), 'ns': ns, 'nextBatch': batch}}


def kill_cursors(cmd):
    killed = [c for c in cmd.get('cursors', []) if cursors.pop(int(c), None) is not None]
    return {'cursorsKilled': killed, 'cursorsNotFound': [], 'cursorsAlive': [], 'cursorsUnknown': []}


def write_error(index, error):
    if isinstance(error, pymongo.errors.DuplicateKeyError):
        return {'index': index, 'code': 11000, 'codeName': 'DuplicateKey', 'errmsg': 'E11000 duplicate key error: %s' % error}
    return {'index': index, 'code': getattr(error, 'code', None) or 2, 'errmsg': str(error)}


def run_statements(cmd, statements, apply):
    """Runs each statement of a write command, collecting write errors as mongod does."""
    reply = {'n': 0}
    errors = []
    for index, statement in enumerate(statements):
        try:
            apply(index, statement, reply)
        except (pymongo.errors.PyMongoError, mongomock.OperationFailure, ValueError, TypeError, KeyError) as error:
            errors.append(write_error(index, error))
            if cmd.get('ordered', True):
                break
    if errors:
        reply['writeErrors'] = errors
    return reply


def insert(cmd):
    coll = collection_of(cmd, 'insert')

    def apply(index, document, reply):
        coll.insert_one(document)
        reply['n'] += 1

    return run_statements(cmd, cmd.get('documents', []), apply)


def is_replacement(update):
    return isinstance(update, dict) and not any(key.startswith('$') for key in update)


def update(cmd):
    coll = collection_of(cmd, 'update')

    def apply(index, statement, reply):
        query, change, upsert = statement.get('q') or {}, statement['u'], bool(statement.get('upsert'))
        if isinstance(change, list):
            raise CommandError('pipeline updates are not supported by the emulator', 2, 'BadValue')
        if is_replacement(change):
            result = coll.replace_one(query, change, upsert=upsert)
        elif statement.get('multi'):
            result = coll.update_many(query, change, upsert=upsert)
        else:
            result = coll.update_one(query, change, upsert=upsert)
        reply.setdefault('nModified', 0)
        reply['nModified'] += result.modified_count
        if result.upserted_id is not None:
            reply['n'] += 1
            reply.setdefault('upserted', []).append({'index': index, '_id': result.upserted_id})
        else:
            reply['n'] += result.matched_count

    reply = run_statements(cmd, cmd.get('updates', []), apply)
    reply.setdefault('nModified', 0)
    return reply


def delete(cmd):
    coll = collection_of(cmd, 'delete')

    def apply(index, statement, reply):
        query = statement.get('q') or {}
        result = coll.delete_one(query) if int(statement.get('limit', 0)) == 1 else coll.delete_many(query)
        reply['n'] += result.deleted_count

    return run_statements(cmd, cmd.get('deletes', []), apply)


def find_and_modify(cmd):
    coll = collection_of(cmd, next(iter(cmd)))
    query = cmd.get('query') or {}
    sort = list(cmd['sort'].items()) if cmd.get('sort') else None
    projection = cmd.get('fields') or None
    existed = coll.count_documents(query) > 0
    try:
        if cmd.get('remove'):
            value = coll.find_one_and_delete(query, projection=projection, sort=sort)
            return {'lastErrorObject': {'n': 1 if value else 0}, 'value': value}
        change = cmd.get('update')
        after = pymongo.ReturnDocument.AFTER if cmd.get('new') else pymongo.ReturnDocument.BEFORE
        modify = coll.find_one_and_replace if is_replacement(change) else coll.find_one_and_update
        value = modify(query, change, projection=projection, sort=sort, upsert=bool(cmd.get('upsert')),
                       return_document=after)
    except pymongo.errors.DuplicateKeyError as error:
        raise CommandError('E11000 duplicate key error: %s' % error, 11000, 'DuplicateKey')
    last = {'n': 1 if (existed or cmd.get('upsert')) else 0, 'updatedExisting': existed}
    if not existed and cmd.get('upsert'):
        upserted = coll.find_one(query, projection={'_id': 1}) if value is None else value
        if upserted is not None and '_id' in upserted:
            last['upserted'] = upserted['_id']
    return {'lastErrorObject': last, 'value': value}


def count(cmd):
    coll = collection_of(cmd, 'count')
    options = {k: int(cmd[k]) for k in ('skip', 'limit') if cmd.get(k)}
    return {'n': coll.count_documents(cmd.get('query') or {}, **options)}


def distinct(cmd):
    coll = collection_of(cmd, 'distinct')
    return {'values': coll.distinct(cmd['key'], cmd.get('query') or {})}


def aggregate(cmd):
    coll = collection_of(cmd, 'aggregate')
    documents = coll.aggregate(cmd.get('pipeline', []))
    return cursor_reply(namespace(cmd, cmd['aggregate']), documents, (cmd.get('cursor') or {}).get('batchSize'))


def create_indexes(cmd):
    coll = collection_of(cmd, 'createIndexes')
    before = len(coll.index_information()) if cmd['createIndexes'] in client[cmd['$db']].list_collection_names() else 1
    for index in cmd.get('indexes', []):
        options = {k: index[k] for k in ('unique', 'sparse') if k in index}
        try:
            coll.create_index(list(index['key'].items()), name=index.get('name'), **options)
        except pymongo.errors.DuplicateKeyError as error:
            raise CommandError('E11000 duplicate key error building index: %s' % error, 11000, 'DuplicateKey')
    return {'numIndexesBefore': before, 'numIndexesAfter': len(coll.index_information()),
            'createdCollectionAutomatically': before == 1}


def list_indexes(cmd):
    db = client[cmd['$db']]
    if cmd['listIndexes'] not in db.list_collection_names():
        raise CommandError('ns does not exist: %s' % namespace(cmd, cmd['listIndexes']), 26, 'NamespaceNotFound')
    indexes = []
    for name, info in db[cmd['listIndexes']].index_information().items():
        spec = collections.OrderedDict([('v', 2), ('key', collections.OrderedDict(info['key'])), ('name', name)])
        spec.update({k: v for k, v in info.items() if k in ('unique', 'sparse')})
        indexes.append(spec)
    return cursor_reply(namespace(cmd, cmd['listIndexes']), indexes, (cmd.get('cursor') or {}).get('batchSize'))


def drop_indexes(cmd):
    coll = collection_of(cmd, 'dropIndexes')
    names = cmd.get('index')
    if names == '*':
        coll.drop_indexes()
    else:
        for name in names if isinstance(names, list) else [names]:
            coll.drop_index(name)
    return {}


def create(cmd):
    db = client[cmd['$db']]
    if cmd['create'] in db.list_collection_names():
        raise CommandError('Collection already exists', 48, 'NamespaceExists')
    db.create_collection(cmd['create'])
    return {}


def drop(cmd):
    client[cmd['$db']].drop_collection(cmd['drop'])
    return {}


def drop_database(cmd):
    client.drop_database(cmd['$db'])
    return {}


def list_collections(cmd):
    db = client[cmd['$db']]
    infos = [collections.OrderedDict([('name', name), ('type', 'collection'), ('options', {}),
                                      ('info', {'readOnly': False})])
             for name in sorted(db.list_collection_names())]
    wanted = cmd.get('filter') or {}
    if wanted:
        probe = mongomock.MongoClient()['probe']['infos']
        probe.insert_many([dict(info, _id=i) for i, info in enumerate(infos)])
        infos = [infos[doc['_id']] for doc in probe.find(wanted)]
    return cursor_reply('%s.$cmd.listCollections' % cmd['$db'], infos, (cmd.get('cursor') or {}).get('batchSize'))


def list_databases(cmd):
    return {'databases': [{'name': n, 'sizeOnDisk': 0, 'empty': False} for n in client.list_database_names()],
            'totalSize': 0}


def nothing(cmd):
    return {}


COMMANDS = {
    'hello': hello, 'ismaster': hello, 'buildinfo': build_info, 'ping': nothing, 'endsessions': nothing,
    'getlasterror': nothing, 'whatsmyuri': nothing, 'getparameter': nothing, 'getcmdlineopts': nothing,
    'find': find, 'getmore': get_more, 'killcursors': kill_cursors,
    'insert': insert, 'update': update, 'delete': delete, 'findandmodify': find_and_modify,
    'count': count, 'distinct': distinct, 'aggregate': aggregate,
    'createindexes': create_indexes, 'listindexes': list_indexes, 'dropindexes': drop_indexes,
    'create': create, 'drop': drop, 'dropdatabase': drop_database,
    'listcollections': list_collections, 'listdatabases': list_databases,
}


def respond(request):
    """Answers every request; mockupdb serializes calls, so mongomock is never used concurrently."""
    cmd = collections.OrderedDict(request.doc)
    cmd.setdefault('$db', (request.namespace or 'admin').split('.')[0])
    name = (request.command_name or '').lower()
    handler = COMMANDS.get(name)
    try:
        if handler is None:
            raise CommandError('no such command: %r' % request.command_name, 59, 'CommandNotFound')
        reply = handler(cmd)
        reply['ok'] = 1
    except CommandError as error:
        reply = {'ok': 0, 'errmsg': str(error), 'code': error.code, 'codeName': error.code_name}
    except (pymongo.errors.PyMongoError, mongomock.OperationFailure, NotImplementedError, ValueError,
            TypeError, KeyError) as error:
        reply = {'ok': 0, 'errmsg': '%s: %s' % (type(error).__name__, error),
                 'code': getattr(error, 'code', None) or 2, 'codeName': 'BadValue'}
    request.replies(reply)
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--port', type=int, default=0)
    args = parser.parse_args()
    server = mockupdb.MockupDB(port=args.port or None, request_timeout=int(1e6))
    server.autoresponds(respond)
    port = server.run()
    print('listening on %d' % port, flush=True)
    try:
        if sys.stdin.isatty():
            threading.Event().wait()
        else:
            # The tests hold our stdin open: when their process ends, the pipe closes and so do we.
            sys.stdin.read()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == '__main__':
    main()

#!/usr/bin/python3
"""Reference figures for crm-sentiment (tests/ref/sentiment_*.sh).

  sentiment_ref.py data OUT.csv {uci|waimai} DIR
      write DIR's data as CSV text,label,fold (5 stratified folds,
      scikit-learn's StratifiedKFold, shuffled, random_state 0)
  sentiment_ref.py sklearn IN.csv
      5-fold accuracy of MultinomialNB and of LogisticRegression (C tuned
      over a grid on the same folds) on character 1-3-grams (TF-IDF for
      the logistic regression), printed as "nb ACC" and "logreg ACC C"
  sentiment_ref.py sklearn-nb IN.csv
      only the MultinomialNB line
  sentiment_ref.py fasttext IN.csv
      the same for fastText (the Debian `fasttext` program) with word
      bigrams; Chinese text is cut into characters: "fasttext ACC"
"""
import csv
import os
import re
import subprocess
import sys
import tempfile


def read_csv(path):
    with open(path, newline='', encoding='utf-8') as f:
        rows = list(csv.DictReader(f))
    return ([r['text'] for r in rows], [r['label'] for r in rows],
            [int(r['fold']) for r in rows])


def data(out, kind, d):
    from sklearn.model_selection import StratifiedKFold
    texts, labels = [], []
    if kind == 'uci':
        for name in ('amazon_cells_labelled.txt', 'yelp_labelled.txt'):
            with open(os.path.join(d, name), encoding='utf-8') as f:
                for line in f:
                    line = line.rstrip('\n')
                    if not line.strip():
                        continue
                    t, l = line.rsplit('\t', 1)
                    texts.append(t.strip())
                    labels.append(l.strip())
    else:
        with open(os.path.join(d, 'waimai_10k.csv'), newline='',
                  encoding='utf-8') as f:
            for r in csv.DictReader(f):
                texts.append(r['review'])
                labels.append(r['label'])
    fold = [0] * len(texts)
    skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    for k, (_, test) in enumerate(skf.split(texts, labels)):
        for i in test:
            fold[i] = k + 1
    with open(out, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['text', 'label', 'fold'])
        for row in zip(texts, labels, fold):
            w.writerow(row)


def cv_acc(make, texts, labels, fold):
    ok = 0
    for k in sorted(set(fold)):
        tr = [i for i in range(len(texts)) if fold[i] != k]
        te = [i for i in range(len(texts)) if fold[i] == k]
        model = make()
        model.fit([texts[i] for i in tr], [labels[i] for i in tr])
        pred = model.predict([texts[i] for i in te])
        ok += sum(p == labels[i] for p, i in zip(pred, te))
    return ok / len(texts)


def sklearn_ref(path, nb_only=False):
    from sklearn.feature_extraction.text import (CountVectorizer,
                                                 TfidfVectorizer)
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import MultinomialNB
    from sklearn.pipeline import make_pipeline
    texts, labels, fold = read_csv(path)
    nb = cv_acc(lambda: make_pipeline(
        CountVectorizer(analyzer='char', ngram_range=(1, 3)),
        MultinomialNB()), texts, labels, fold)
    print('nb %.4f' % nb)
    if nb_only:
        return
    best = (0, 0)
    for C in (0.5, 1, 2, 5, 10, 20, 50):
        acc = cv_acc(lambda: make_pipeline(
            TfidfVectorizer(analyzer='char', ngram_range=(1, 3)),
            LogisticRegression(C=C, max_iter=2000)), texts, labels, fold)
        best = max(best, (acc, C))
    print('logreg %.4f %g' % best)


def ft_text(t):
    t = t.lower()
    t = re.sub(r'([\u3400-\u9fff])', r' \1 ', t)
    t = re.sub(r"([^\w\s'])", r' \1 ', t)
    return ' '.join(t.split())


def fasttext_ref(path):
    texts, labels, fold = read_csv(path)
    ok = 0
    with tempfile.TemporaryDirectory() as tmp:
        for k in sorted(set(fold)):
            tr = os.path.join(tmp, 'train.txt')
            te = os.path.join(tmp, 'test.txt')
            with open(tr, 'w', encoding='utf-8') as f:
                for t, l, fo in zip(texts, labels, fold):
                    if fo != k:
                        f.write('__label__%s %s\n' % (l, ft_text(t)))
            idx = [i for i in range(len(texts)) if fold[i] == k]
            with open(te, 'w', encoding='utf-8') as f:
                for i in idx:
                    f.write(ft_text(texts[i]) + '\n')
            model = os.path.join(tmp, 'm')
            subprocess.run(['fasttext', 'supervised', '-input', tr,
                            '-output', model, '-wordNgrams', '2',
                            '-epoch', '25', '-lr', '0.5', '-thread', '2',
                            '-seed', '1', '-verbose', '0'], check=True)
            out = subprocess.run(['fasttext', 'predict', model + '.bin', te],
                                 check=True, capture_output=True,
                                 text=True).stdout.split('\n')
            for i, p in zip(idx, out):
                ok += p.replace('__label__', '') == labels[i]
    print('fasttext %.4f' % (ok / len(texts)))


if __name__ == '__main__':
    if sys.argv[1] == 'data':
        data(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == 'sklearn':
        sklearn_ref(sys.argv[2])
    elif sys.argv[1] == 'sklearn-nb':
        sklearn_ref(sys.argv[2], nb_only=True)
    else:
        fasttext_ref(sys.argv[2])

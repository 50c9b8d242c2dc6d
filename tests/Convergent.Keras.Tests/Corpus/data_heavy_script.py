# A notebook-style script where most lines are data work, plotting and bookkeeping.
import os, sys, json, time
import numpy as np
import pandas as pd
import seaborn as sns
import matplotlib.pyplot as plt
from sklearn.model_selection import train_test_split
from sklearn.metrics import classification_report, confusion_matrix

try:
    from tensorflow.keras.models import Sequential
    from tensorflow.keras.layers import Dense, Dropout
    from tensorflow.keras.callbacks import Callback, EarlyStopping
except ImportError:
    from keras.models import Sequential
    from keras.layers import Dense, Dropout
    from keras.callbacks import Callback, EarlyStopping

SEED = 42
np.random.seed(SEED)
DATA_DIR = os.path.join(os.path.dirname(__file__), 'data')

with open(os.path.join(DATA_DIR, 'config.json')) as f:
    config = json.load(f)

df = pd.read_csv(os.path.join(DATA_DIR, 'train.csv'))
df = df.dropna()
df['age_bucket'] = pd.cut(df['age'], bins=[0, 18, 35, 60, 120], labels=False)
print(df.describe())
sns.heatmap(df.corr(), annot=True)
plt.savefig('corr.png')

features = [c for c in df.columns if c != 'label']
X = df[features].values.astype('float32')
y = df['label'].values
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=SEED)

i = 0
while i < 3:
    print('warming up', i)
    i += 1


class TimeHistory(Callback):
    def on_train_begin(self, logs={}):
        self.times = []

    def on_epoch_begin(self, epoch, logs={}):
        self.epoch_time_start = time.time()

    def on_epoch_end(self, epoch, logs={}):
        self.times.append(time.time() - self.epoch_time_start)


time_callback = TimeHistory()

model = Sequential()
model.add(Dense(64, activation='relu', input_shape=(12,)))
model.add(Dropout(0.2))
model.add(Dense(64, activation='relu'))
model.add(Dense(3, activation='softmax'))
model.compile(loss='sparse_categorical_crossentropy', optimizer='rmsprop', metrics=['accuracy'])

start = time.time()
hist = model.fit(X_train, y_train, epochs=40, batch_size=64, validation_split=0.1,
                 callbacks=[EarlyStopping(patience=4), time_callback])
print('took', time.time() - start)

y_pred = np.argmax(model.predict(X_test), axis=1)
print(classification_report(y_test, y_pred))
cm = confusion_matrix(y_test, y_pred)
fig, ax = plt.subplots(1, 2, figsize=(12, 4))
ax[0].plot(hist.history['loss'])
ax[1].imshow(cm)
for epoch, t in enumerate(time_callback.times):
    print(epoch, t)
model.save('model.h5')

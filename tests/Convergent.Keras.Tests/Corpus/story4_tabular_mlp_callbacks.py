"""User story 4: "why isn't my Keras model improving" -- a tabular MLP with the usual callbacks."""
import pandas as pd
import numpy as np
import matplotlib.pyplot as plt
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split

from keras.models import Sequential
from keras.layers import Dense, Dropout
from keras.callbacks import EarlyStopping, ReduceLROnPlateau, ModelCheckpoint
from keras import optimizers

df = pd.read_csv('churn.csv')
X = df.drop(columns=['churn']).values
y = df['churn'].values
scaler = StandardScaler()
X = scaler.fit_transform(X)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, random_state=42)

n_features = 18  # matches the CSV columns after dropping the target
model = Sequential([
    Dense(64, activation='relu', input_dim=n_features),
    Dropout(0.3),
    Dense(32, activation='relu'),
    Dense(1, activation='sigmoid'),
])

opt = optimizers.SGD(lr=0.1, momentum=0.9, nesterov=True)
model.compile(optimizer=opt, loss='binary_crossentropy', metrics=['acc'])

callbacks = [
    EarlyStopping(monitor='val_loss', patience=10, restore_best_weights=True),
    ReduceLROnPlateau(monitor='val_loss', factor=0.5, patience=5, min_lr=1e-5),
    ModelCheckpoint('best.h5', monitor='val_loss', save_best_only=True),
]
history = model.fit(X_train, y_train,
                    validation_data=(X_val, y_val),
                    epochs=200, batch_size=32,
                    class_weight={0: 1.0, 1: 3.0},
                    callbacks=callbacks, verbose=2)

plt.plot(history.history['loss'], label='train')
plt.plot(history.history['val_loss'], label='val')
plt.legend()
plt.show()

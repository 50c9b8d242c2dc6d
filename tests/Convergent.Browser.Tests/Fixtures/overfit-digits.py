# A run that overfits on purpose, for the browser test of the overfitting-onset marker: a 256-256 MLP with Adam at
# lr=0.01 trained 40 epochs on 10 % of scikit-learn's digits (validation_split=0.9). Training loss goes to ~0 within
# 12 epochs; validation loss bottoms out around epoch 5 and then climbs (measured: 0.69 -> 0.97).
from keras.models import Sequential
from keras.layers import Dense, Rescaling
from keras.optimizers import Adam

model = Sequential()
model.add(Rescaling(1.0 / 16, input_shape=(64,)))
model.add(Dense(256, activation='relu'))
model.add(Dense(256, activation='relu'))
model.add(Dense(10, activation='softmax'))
model.compile(loss='sparse_categorical_crossentropy', optimizer=Adam(learning_rate=0.01), metrics=['accuracy'])
model.fit(x, y, epochs=40, batch_size=16, validation_split=0.9)

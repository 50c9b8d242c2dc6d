# Keras 2 regression MLP with a Huber loss object and value clipping.
from keras.models import Sequential
from keras.layers import Dense, Dropout, LeakyReLU
from keras import losses, optimizers

model = Sequential()
model.add(Dense(64, input_dim=6))
model.add(LeakyReLU(alpha=0.05))
model.add(Dropout(0.1, seed=3))
model.add(Dense(1))
model.compile(loss=losses.Huber(delta=2.0), optimizer=optimizers.RMSprop(lr=5e-4, clipvalue=0.5), metrics=['mae', 'mse'])
model.fit(X, y, epochs=80, batch_size=8, validation_split=0.1)

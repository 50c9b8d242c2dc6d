"""User story 4: "why isn't my Keras model improving" -- a small MLP whose learning rate is far too low.
(Keras 2 spelling: SGD(lr=...).) The data are three Gaussian blobs (builtin:blobs), which a 32-unit MLP
separates in a few epochs at lr=0.01; at lr=1e-5 every step is ~1000x too small and the loss crawls."""
from keras.models import Sequential
from keras.layers import Dense
from keras import optimizers

model = Sequential()
model.add(Dense(32, activation='tanh', input_dim=2))
model.add(Dense(32, activation='tanh'))
model.add(Dense(3, activation='softmax'))

opt = optimizers.SGD(lr=1e-5, momentum=0.9)
model.compile(optimizer=opt, loss='sparse_categorical_crossentropy', metrics=['accuracy'])
history = model.fit(X_train, y_train, epochs=20, batch_size=16, verbose=2)
